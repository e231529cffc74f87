/** The operator roles, strongest first (Partner Center's names: Global admin, Admin agent, User management admin, Helpdesk agent). */
export const ROLES = ['global-admin', 'admin-agent', 'user-admin', 'helpdesk'] as const;
export type Role = (typeof ROLES)[number];

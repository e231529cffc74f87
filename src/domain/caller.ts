/** Who is acting: an operator is known by their tenant and AAD object id (the name is only for display). */
export interface Caller {
  tenantId: string;
  aadObjectId: string;
  name: string;
}

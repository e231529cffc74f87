import { z } from 'zod';

/** Shapes of the Graph v1.0 responses this adapter reads; only the fields it uses, the rest passes through. */

const text = z.string().nullish();

export const assignedLicenseSchema = z.object({ skuId: z.string(), disabledPlans: z.array(z.string()).nullish() }).loose();

export const licenseAssignmentStateSchema = z
  .object({ skuId: z.string().nullish(), assignedByGroup: z.string().nullish(), state: z.string().nullish() })
  .loose();

export const graphUserSchema = z
  .object({
    id: z.string().min(1),
    userPrincipalName: z.string().min(1),
    displayName: text,
    givenName: text,
    surname: text,
    usageLocation: text,
    jobTitle: text,
    department: text,
    createdDateTime: text,
    deletedDateTime: text,
    assignedLicenses: z.array(assignedLicenseSchema).nullish(),
    licenseAssignmentStates: z.array(licenseAssignmentStateSchema).nullish(),
  })
  .loose();

export type GraphUser = z.infer<typeof graphUserSchema>;

export const USER_SELECT = 'id,userPrincipalName,displayName,givenName,surname,usageLocation,jobTitle,department,createdDateTime,assignedLicenses';
export const USER_SELECT_WITH_STATES = `${USER_SELECT},licenseAssignmentStates`;
export const DELETED_USER_SELECT = `${USER_SELECT},deletedDateTime`;

export const subscribedSkuSchema = z
  .object({
    skuId: z.string(),
    skuPartNumber: z.string(),
    appliesTo: text,
    capabilityStatus: text,
    consumedUnits: z.number().int(),
    prepaidUnits: z.object({ enabled: z.number().int() }).loose(),
  })
  .loose();

export const directoryRoleSchema = z.object({ id: z.string().optional(), displayName: text, roleTemplateId: text }).loose();
export const directoryRoleTemplateSchema = z.object({ id: z.string(), displayName: text }).loose();
export const directoryObjectIdSchema = z.object({ id: z.string() }).loose();
export const domainSchema = z.object({ id: z.string(), isVerified: z.boolean().nullish(), isDefault: z.boolean().nullish() }).loose();

export const collectionSchema = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), '@odata.nextLink': z.string().optional(), '@odata.count': z.number().optional() }).loose();

export const batchResponseSchema = z.object({
  responses: z.array(
    z.object({ id: z.string(), status: z.number().int(), headers: z.record(z.string(), z.string()).nullish(), body: z.unknown().optional() }).loose(),
  ),
});

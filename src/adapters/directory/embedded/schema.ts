import { z } from 'zod';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date');

export const customerSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  domains: z.array(z.string().min(1)).min(1),
  defaultDomain: z.string().min(1),
  usageLocation: z.string().length(2),
  tenantId: z.string().optional(),
});

export const storedSubscriptionSchema = z.object({
  skuId: z.string().min(1),
  skuPartNumber: z.string().min(1),
  name: z.string().min(1),
  seatsTotal: z.number().int().min(0),
});

export const passwordHashSchema = z.object({
  algorithm: z.literal('scrypt'),
  salt: z.string(),
  hash: z.string(),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});

export const storedUserSchema = z.object({
  id: z.string().min(1),
  upn: z.string().min(3),
  displayName: z.string(),
  givenName: z.string(),
  surname: z.string(),
  usageLocation: z.string().length(2).nullable(),
  adminRoles: z.array(z.string()),
  licenses: z.array(z.string()),
  createdAt: isoDate,
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  mustChangePassword: z.boolean().optional(),
  credential: passwordHashSchema.optional(),
});

export const actorSchema = z.object({ aadObjectId: z.string(), name: z.string() });

export const storedDeletedUserSchema = storedUserSchema.extend({
  deletedAt: isoDate,
  deletedBy: actorSchema,
});

export const customerFileSchema = z.object({
  version: z.literal(1),
  customer: customerSchema,
  subscriptions: z.array(storedSubscriptionSchema),
  users: z.array(storedUserSchema),
  deletedUsers: z.array(storedDeletedUserSchema),
});

export type StoredSubscription = z.infer<typeof storedSubscriptionSchema>;
export type StoredUser = z.infer<typeof storedUserSchema>;
export type StoredDeletedUser = z.infer<typeof storedDeletedUserSchema>;
export type CustomerFile = z.infer<typeof customerFileSchema>;

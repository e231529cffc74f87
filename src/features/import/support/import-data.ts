import { z } from 'zod';

/** The data of every button that acts on one import: its opaque id. */
export const importData = z.object({ importId: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/) });

import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';

/**
 * What each kind of user may do: biller (lifecycle commands), follow-up (worklist, notes, assignment), auditor
 * (history, as-of, integrity, the PHI access log), analyst (aggregate reports and event streams without patient
 * identifiers), admin (payers, projections, imports).
 */
export const ROLES = ['biller', 'follow-up', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that may read patient identifiers and health information. */
export const PHI_ROLES: readonly Role[] = ['biller', 'follow-up', 'auditor'];

/** Whether a verified principal (none: no) may read patient data. */
export const mayReadPhi = (principal: { roles: ReadonlySet<Role> } | undefined): boolean =>
  PHI_ROLES.some((role) => principal?.roles.has(role));

export const ROLES_KEY = 'claimtrail:roles';

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/**
 * Who may run a query, mutation or subscription. Every operation declares it: the guard refuses one that does not,
 * and the declaration is also written into the schema's field extensions, where the authorization matrix test reads it.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), Extensions({ roles }));

import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PATIENT_VAULT, type PatientVaultPort } from '../../application/patient-vault.port.js';
import { patientIdentityLoader } from '../patient-identity.loader.js';
import { Claim } from '../types/claim.type.js';
import { PatientIdentity } from '../types/patient-identity.type.js';

const REDACTED: PatientIdentity = {
  lastName: null,
  firstName: null,
  birthDate: null,
  memberId: null,
  redacted: true,
};

/** Opens a claim's sealed identity for whoever reads it, wherever the claim came from (read model or replay). */
@Resolver(() => Claim)
export class ClaimPatientResolver {
  constructor(@Inject(PATIENT_VAULT) private readonly vault: PatientVaultPort) {}

  @ResolveField(() => PatientIdentity, { nullable: true })
  async patient(@Parent() claim: Claim, @Context() context: object): Promise<PatientIdentity | null> {
    if (!claim.sealedIdentity) return null;
    const opened = await patientIdentityLoader(context, this.vault).load({
      patientRef: claim.patientRef,
      sealed: claim.sealedIdentity,
    });
    if ('redacted' in opened) return REDACTED;
    // A payer's remittance names no birth date, and may lack more: a part it left out reads as null.
    const { lastName = null, firstName = null, birthDate = null, memberId = null } = opened;
    return { lastName, firstName, birthDate, memberId, redacted: false };
  }
}

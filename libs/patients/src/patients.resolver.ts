import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Identity, type RequestIdentity, Roles } from '@claimtrail/platform';
import { ForgetPatientInput, SetPatientLegalHoldInput } from './patient-key-command.input.js';
import { PatientKeyStatus } from './patient-key-status.type.js';
import { PatientVault, type PatientKeyStatus as Status } from './patient-vault.js';

const toType = (status: Status): PatientKeyStatus =>
  Object.assign(new PatientKeyStatus(), { ...status, forgotten: status.forgottenAt !== null });

/** Forgetting a patient (crypto-shredding their identity) and the legal hold that stops it. */
@Resolver(() => PatientKeyStatus)
export class PatientsResolver {
  constructor(private readonly vault: PatientVault) {}

  @Roles('admin')
  @Mutation(() => PatientKeyStatus, {
    description:
      "Destroys the patient's key: their name, birth date and member id read as redacted on every claim, history and export from now on, while events stay as written. Again changes nothing; refused (LEGAL_HOLD) under legal hold.",
  })
  async forgetPatient(
    @Args('input') input: ForgetPatientInput,
    @Identity() identity: RequestIdentity,
  ): Promise<PatientKeyStatus> {
    return toType(await this.vault.forget(input.patientRef, identity.actor, input.reason));
  }

  @Roles('admin')
  @Mutation(() => PatientKeyStatus, {
    description: 'Sets or releases a legal hold: while it is on, the patient cannot be forgotten.',
  })
  async setPatientLegalHold(
    @Args('input') input: SetPatientLegalHoldInput,
    @Identity() identity: RequestIdentity,
  ): Promise<PatientKeyStatus> {
    return toType(await this.vault.setLegalHold(input.patientRef, input.hold, identity.actor, input.reason));
  }
}

import { Extensions, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PHI_FIELD } from '@claimtrail/audit';
import { CentsScalar } from '@claimtrail/platform';
import { CLAIM_STATUSES, type ExistingStatus, type SealedValue } from '../../domain/index.js';
import {
  AdjustmentGroupCode,
  AppealOutcome,
  CreditResolution,
  CreditSide,
  enumOf,
  FollowUpChannel,
  PayerRank,
  StatementCycle,
  WriteOffReason,
  type ValueOf,
} from './claim-enums.js';
import { PatientIdentity } from './patient-identity.type.js';

/** A claim's status as the API shows it: the domain's NONE means no claim, and the API never returns one. */
export const ClaimStatus = enumOf(CLAIM_STATUSES.filter((s): s is ExistingStatus => s !== 'NONE'));
export type ClaimStatus = ValueOf<typeof ClaimStatus>;

registerEnumType(ClaimStatus, { name: 'ClaimStatus' });

@ObjectType()
export class ServiceLine {
  @Field(() => Int)
  lineNumber!: number;

  @Field({ description: 'CPT or HCPCS code.' })
  procedureCode!: string;

  @Field(() => [String])
  modifiers!: string[];

  @Field(() => Int)
  units!: number;

  @Field(() => CentsScalar)
  chargeCents!: number;

  @Field(() => [Int], { description: "1-based pointers into the claim's diagnoses." })
  diagnosisPointers!: number[];

  @Field({ description: 'Date of service, YYYY-MM-DD.' })
  serviceDate!: string;
}

@ObjectType({ description: 'Why a claim shown by a read model is not current.' })
export class ClaimStaleness {
  @Field({ description: 'Log position of the first event that was not applied.' })
  position!: string;

  @Field({ description: 'Type of that event.' })
  eventType!: string;

  @Field({ description: 'Class (and SQLSTATE) of the error it raised.' })
  errorClass!: string;

  @Field()
  since!: Date;
}

@ObjectType({
  description: 'Money received beyond what is owed, by whom it is owed back to: refund or offset it.',
})
export class CreditBalances {
  @Field(() => CentsScalar)
  primaryCents!: number;

  @Field(() => CentsScalar)
  secondaryCents!: number;

  @Field(() => CentsScalar)
  patientCents!: number;

  @Field(() => CentsScalar)
  totalCents!: number;
}

@ObjectType({ description: 'Every amount in cents; the balances are derived from the others.' })
export class ClaimBalances {
  @Field(() => CentsScalar)
  chargeCents!: number;

  @Field(() => CentsScalar, { description: 'Payer payments, net of reversals.' })
  paidCents!: number;

  @Field(() => CentsScalar, { description: 'CO adjustments (contractual write-downs).' })
  contractualAdjustmentCents!: number;

  @Field(() => CentsScalar, { description: 'OA and PI adjustments.' })
  otherAdjustmentCents!: number;

  @Field(() => CentsScalar, { description: 'Moved to the patient (PR).' })
  patientResponsibilityCents!: number;

  @Field(() => CentsScalar)
  patientPaidCents!: number;

  @Field(() => CentsScalar)
  insuranceWrittenOffCents!: number;

  @Field(() => CentsScalar)
  patientWrittenOffCents!: number;

  @Field(() => CentsScalar, {
    description: 'Still owed by the payer (denied amounts stay here until worked).',
  })
  insuranceBalanceCents!: number;

  @Field(() => CentsScalar, { description: 'Still owed by the patient; negative is a patient credit.' })
  patientBalanceCents!: number;

  @Field(() => CentsScalar, { description: 'Of the insurance balance, what the primary payer owes.' })
  primaryBalanceCents!: number;

  @Field(() => CentsScalar, {
    description: 'Of the insurance balance, what the secondary payer owes (the crossed-over patient share).',
  })
  secondaryBalanceCents!: number;

  @Field(() => CentsScalar, { description: 'Primary PR amounts that crossed over to the secondary payer.' })
  crossedOverCents!: number;

  @Field(() => CreditBalances)
  credit!: CreditBalances;
}

@ObjectType()
export class AppealDeadline {
  @Field(() => Int)
  level!: number;

  @Field()
  deadline!: string;
}

@ObjectType({
  description: 'Last days, YYYY-MM-DD, computed from the payer rules the claim was filed under.',
})
export class ClaimDeadlines {
  @Field()
  timelyFiling!: string;

  @Field(() => AppealDeadline, { nullable: true })
  appeal?: AppealDeadline;

  @Field(() => String, { nullable: true })
  infoDue?: string;

  @Field(() => Int, {
    nullable: true,
    description: "Version of the payer's rules these deadlines came from; null for Medicare's defaults.",
  })
  payerRulesVersion?: number;
}

@ObjectType({ isAbstract: true })
abstract class ReasonCodes {
  @Field(() => AdjustmentGroupCode)
  groupCode!: AdjustmentGroupCode;

  @Field()
  carc!: string;

  @Field(() => [String])
  rarcs!: string[];
}

@ObjectType()
export class LineDenial extends ReasonCodes {
  @Field(() => Int)
  lineNumber!: number;

  @Field(() => CentsScalar)
  deniedAmountCents!: number;
}

@ObjectType()
export class Denial extends ReasonCodes {
  @Field(() => CentsScalar)
  deniedAmountCents!: number;

  @Field(() => [LineDenial])
  lines!: LineDenial[];

  @Field()
  deniedOn!: string;
}

@ObjectType()
export class Appeal {
  @Field(() => Int)
  level!: number;

  @Field()
  reason!: string;

  @Field()
  appealedOn!: string;

  @Field(() => AppealOutcome, { nullable: true })
  outcome?: AppealOutcome;

  @Field(() => String, { nullable: true })
  decidedOn?: string;
}

@ObjectType()
export class Adjustment extends ReasonCodes {
  @Field(() => CentsScalar)
  amountCents!: number;

  @Field(() => Int, { nullable: true })
  lineNumber?: number;
}

@ObjectType({ description: 'A service line as the remittance adjudicated it (835 SVC).' })
export class LinePayment {
  @Field(() => Int)
  lineNumber!: number;

  @Field(() => CentsScalar)
  billedCents!: number;

  @Field(() => CentsScalar)
  paidCents!: number;
}

@ObjectType()
export class Payment {
  @Field()
  paymentId!: string;

  @Field()
  paidDate!: string;

  @Field(() => CentsScalar)
  paidCents!: number;

  @Field(() => CentsScalar, { nullable: true })
  allowedCents?: number;

  @Field(() => [Adjustment])
  adjustments!: Adjustment[];

  @Field(() => [LinePayment], { description: 'Line by line, when the remittance reported lines.' })
  lines!: LinePayment[];

  @Field(() => CentsScalar)
  patientResponsibilityCents!: number;

  @Field(() => CentsScalar, { description: 'Adjustments with a denial reason: still in AR.' })
  deniedCents!: number;

  @Field(() => PayerRank)
  payer!: PayerRank;

  @Field(() => CentsScalar, { description: 'Patient share crossed over to the secondary payer.' })
  crossedOverCents!: number;

  @Field()
  reversed!: boolean;
}

@ObjectType({ description: 'A credit balance paid back, or offset by the payer.' })
export class Refund {
  @Field()
  refundId!: string;

  @Field(() => CreditSide)
  side!: CreditSide;

  @Field(() => CreditResolution)
  method!: CreditResolution;

  @Field(() => CentsScalar)
  amountCents!: number;

  @Field(() => String, { nullable: true })
  reference?: string;

  @Field()
  resolvedOn!: string;
}

@ObjectType()
export class PatientStatement {
  @Field()
  statementId!: string;

  @Field(() => CentsScalar)
  amountCents!: number;

  @Field()
  dueDate!: string;

  @Field()
  billedOn!: string;

  @Field(() => StatementCycle)
  cycle!: StatementCycle;
}

@ObjectType()
export class PatientPayment {
  @Field()
  paymentId!: string;

  @Field(() => CentsScalar)
  amountCents!: number;

  @Field()
  receivedOn!: string;

  @Field(() => String, { nullable: true })
  method?: string;
}

@ObjectType()
export class FollowUp {
  @Field(() => FollowUpChannel)
  channel!: FollowUpChannel;

  @Field()
  outcome!: string;

  @Field(() => String, { nullable: true })
  payerReference?: string;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true })
  nextActionDate?: string;

  @Field()
  loggedAt!: string;
}

@ObjectType()
export class WriteOff {
  @Field(() => WriteOffReason)
  reason!: WriteOffReason;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => CentsScalar)
  insuranceAmountCents!: number;

  @Field(() => CentsScalar)
  patientAmountCents!: number;

  @Field()
  writtenOffOn!: string;
}

@ObjectType({ description: 'Why the payer front end turned the claim away (while REJECTED).' })
export class Rejection {
  @Field()
  statusCode!: string;

  @Field()
  reason!: string;

  @Field()
  rejectedAt!: string;
}

@ObjectType({ description: 'What the payer asked for (while PENDED).' })
export class InfoRequest {
  @Field()
  statusCode!: string;

  @Field()
  requested!: string;

  @Field()
  infoDueDate!: string;

  @Field()
  pendedAt!: string;
}

@ObjectType()
export class Claim {
  @Field(() => ID)
  id!: string;

  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @Field()
  payerId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The payer's claim control number, once acknowledged.",
  })
  payerClaimNumber?: string;

  @Field()
  providerNpi!: string;

  @Extensions(PHI_FIELD)
  @Field({ description: "The practice's patient reference (PHI; reads are recorded)." })
  patientRef!: string;

  @Extensions(PHI_FIELD)
  @Field(() => PatientIdentity, {
    nullable: true,
    description:
      'Name, birth date and member id (PHI; reads are recorded), opened with the patient key; null when the claim carries none, redacted once the patient is forgotten.',
  })
  patient?: PatientIdentity;

  /** Not a field: what `patient` opens. */
  sealedIdentity?: SealedValue;

  @Field({ description: 'First date of service, YYYY-MM-DD.' })
  serviceDate!: string;

  @Field()
  serviceDateTo!: string;

  @Field()
  submittedAt!: Date;

  @Field(() => Int, { description: 'Submissions so far, the first included.' })
  submissionCount!: number;

  @Field(() => CentsScalar)
  totalChargeCents!: number;

  @Field(() => ClaimBalances)
  balances!: ClaimBalances;

  @Field(() => ClaimDeadlines)
  deadlines!: ClaimDeadlines;

  @Extensions(PHI_FIELD)
  @Field(() => [String], { description: 'ICD-10-CM codes (PHI; reads are recorded).' })
  diagnoses!: string[];

  @Field(() => [ServiceLine])
  lines!: ServiceLine[];

  @Field(() => Rejection, { nullable: true })
  rejection?: Rejection;

  @Field(() => InfoRequest, { nullable: true })
  infoRequest?: InfoRequest;

  @Field(() => [Denial])
  denials!: Denial[];

  @Field(() => [Appeal])
  appeals!: Appeal[];

  @Field(() => [Payment])
  payments!: Payment[];

  @Field(() => [PatientStatement])
  patientStatements!: PatientStatement[];

  @Field(() => [PatientPayment])
  patientPayments!: PatientPayment[];

  @Field(() => [FollowUp])
  followUps!: FollowUp[];

  @Field(() => [WriteOff])
  writeOffs!: WriteOff[];

  @Field(() => [Refund])
  refunds!: Refund[];

  @Field(() => String, {
    nullable: true,
    description: 'The payer the patient share crosses over to (coordination of benefits).',
  })
  secondaryPayerId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Day the patient balance was referred to collections.',
  })
  collectionsReferredOn?: string;

  @Field(() => String, { nullable: true })
  assignee?: string;

  @Field(() => Int, { description: 'Stream version this view reflects; pass it as expectedVersion.' })
  version!: number;

  @Field(() => ClaimStaleness, {
    nullable: true,
    description:
      'Set when the read model stopped applying this claim: one of its events could not be applied. What is shown is as of the event before; the rest of the book is current. On-call retries it after a fix (claimtrail projections retry).',
  })
  stale?: ClaimStaleness;
}

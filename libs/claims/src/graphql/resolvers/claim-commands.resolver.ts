import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandResult as Result } from '../../application/command-context.js';
import { SubmitClaimCommand } from '../../application/submit-claim.command.js';
import { UpdateClaimCommand, type ClaimChange } from '../../application/update-claim.command.js';
import { AcknowledgeClaimInput } from '../inputs/acknowledge-claim.input.js';
import { AppealClaimInput } from '../inputs/appeal-claim.input.js';
import { AssignClaimInput } from '../inputs/assign-claim.input.js';
import { BillPatientInput } from '../inputs/bill-patient.input.js';
import type { ClaimCommandInput } from '../inputs/claim-command.input.js';
import { DecideAppealInput } from '../inputs/decide-appeal.input.js';
import { DenyClaimInput } from '../inputs/deny-claim.input.js';
import { LogFollowUpInput } from '../inputs/log-follow-up.input.js';
import { PendClaimInput } from '../inputs/pend-claim.input.js';
import { RecordPatientPaymentInput } from '../inputs/record-patient-payment.input.js';
import { RecordPaymentInput } from '../inputs/record-payment.input.js';
import { ReferToCollectionsInput } from '../inputs/refer-to-collections.input.js';
import { RejectClaimInput } from '../inputs/reject-claim.input.js';
import { ResolveCreditInput } from '../inputs/resolve-credit.input.js';
import { ResubmitClaimInput } from '../inputs/resubmit-claim.input.js';
import { ReversePaymentInput } from '../inputs/reverse-payment.input.js';
import { SubmitAdditionalInfoInput } from '../inputs/submit-additional-info.input.js';
import { SubmitClaimInput } from '../inputs/submit-claim.input.js';
import { VoidClaimInput } from '../inputs/void-claim.input.js';
import { WriteOffBalanceInput } from '../inputs/write-off-balance.input.js';
import { CommandResult } from '../types/command-result.type.js';
import { Identity, type RequestIdentity, Roles } from '@claimtrail/platform';

/** GraphQL lets a client send null for an optional field; the domain knows only absent. */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, withoutNulls(v)]])),
  ) as T;
}

/** Every claim command. Each mutation only translates its input; rules live in the decider. */
@Resolver()
export class ClaimCommandsResolver {
  constructor(private readonly commandBus: CommandBus) {}

  private send(input: ClaimCommandInput, change: ClaimChange, identity: RequestIdentity): Promise<Result> {
    const { claimId, expectedVersion, commandId, occurredAt } = withoutNulls({ ...input });
    return this.commandBus.execute(
      new UpdateClaimCommand(claimId, withoutNulls(change), {
        ...identity,
        commandId,
        occurredAt,
        expectedVersion,
      }),
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'Submit a new claim to its payer (837).' })
  submitClaim(
    @Args('input') input: SubmitClaimInput,
    @Identity() identity: RequestIdentity,
  ): Promise<Result> {
    const { commandId, occurredAt, ...claim } = withoutNulls({ ...input });
    return this.commandBus.execute(new SubmitClaimCommand(claim, { ...identity, commandId, occurredAt }));
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'The payer accepted the claim into adjudication (277CA A1/A2).',
  })
  acknowledgeClaim(
    @Args('input') i: AcknowledgeClaimInput,
    @Identity() id: RequestIdentity,
  ): Promise<Result> {
    return this.send(
      i,
      { type: 'AcknowledgeClaim', payerClaimNumber: i.payerClaimNumber, statusCode: i.statusCode },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'Front-end rejection (999/277CA): the claim was never filed.',
  })
  rejectClaim(@Args('input') i: RejectClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(i, { type: 'RejectClaim', statusCode: i.statusCode, reason: i.reason }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'Send again after a rejection, or a corrected claim (7) after a denial.',
  })
  resubmitClaim(@Args('input') i: ResubmitClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(
      i,
      {
        type: 'ResubmitClaim',
        frequencyCode: i.frequency,
        reason: i.reason,
        diagnoses: i.diagnoses,
        lines: i.lines,
      },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'The payer asked for more information (277 P3/P4/R*).' })
  pendClaim(@Args('input') i: PendClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(
      i,
      { type: 'PendClaim', statusCode: i.statusCode, requested: i.requested, infoDueDate: i.infoDueDate },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'The requested information was sent to the payer.' })
  submitAdditionalInfo(
    @Args('input') i: SubmitAdditionalInfoInput,
    @Identity() id: RequestIdentity,
  ): Promise<Result> {
    return this.send(i, { type: 'SubmitAdditionalInfo', description: i.description }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'The payer denied the claim (835 zero pay with a CARC, or 277 F2).',
  })
  denyClaim(@Args('input') i: DenyClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    const { groupCode, carc, rarcs, deniedAmountCents, lines } = i;
    return this.send(
      i,
      { type: 'DenyClaim', groupCode, carc, rarcs, deniedAmountCents, lines: lines.map((l) => ({ ...l })) },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'File an appeal at the next level, within its deadline.' })
  appealClaim(@Args('input') i: AppealClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(i, { type: 'AppealClaim', level: i.level, reason: i.reason }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: "The payer's decision on the open appeal." })
  decideAppeal(@Args('input') i: DecideAppealInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(i, { type: 'DecideAppeal', outcome: i.outcome }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'An 835 remittance: payment and adjustments, balanced against the claim.',
  })
  recordPayment(@Args('input') i: RecordPaymentInput, @Identity() id: RequestIdentity): Promise<Result> {
    const { paymentId, paidDate, payer, crossoverPayerId, billedCents, paidCents, allowedCents } = i;
    const adjustments = i.adjustments.map((a) => ({ ...a }));
    const lines = i.lines?.map((l) => ({ ...l }));
    return this.send(
      i,
      {
        type: 'RecordPayment',
        lines,
        paymentId,
        paidDate,
        payer,
        crossoverPayerId,
        billedCents,
        paidCents,
        allowedCents,
        adjustments,
      },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'Pay back a credit balance (to the payer or the patient), or record a payer offset of it.',
  })
  resolveCredit(@Args('input') i: ResolveCreditInput, @Identity() id: RequestIdentity): Promise<Result> {
    const { refundId, side, method, amountCents, reference } = i;
    return this.send(i, { type: 'ResolveCredit', refundId, side, method, amountCents, reference }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'A takeback (835 status 22) of an earlier payment.' })
  reversePayment(@Args('input') i: ReversePaymentInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(i, { type: 'ReversePayment', paymentId: i.paymentId, reason: i.reason }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'Send the patient a statement for their share: first, second, then the final notice.',
  })
  billPatient(@Args('input') i: BillPatientInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(
      i,
      { type: 'BillPatient', statementId: i.statementId, amountCents: i.amountCents, dueDate: i.dueDate },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'A payment from the patient.' })
  recordPatientPayment(
    @Args('input') i: RecordPatientPaymentInput,
    @Identity() id: RequestIdentity,
  ): Promise<Result> {
    return this.send(
      i,
      { type: 'RecordPatientPayment', paymentId: i.paymentId, amountCents: i.amountCents, method: i.method },
      id,
    );
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description: 'Write off what is left of the balances, or an amount of one side.',
  })
  writeOffBalance(@Args('input') i: WriteOffBalanceInput, @Identity() id: RequestIdentity): Promise<Result> {
    const { reason, note, side, amountCents } = i;
    return this.send(i, { type: 'WriteOffBalance', reason, note, side, amountCents }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, {
    description:
      'Refer the patient balance to collections, after the final notice went unpaid past its due date.',
  })
  referToCollections(
    @Args('input') i: ReferToCollectionsInput,
    @Identity() id: RequestIdentity,
  ): Promise<Result> {
    return this.send(i, { type: 'ReferToCollections', agency: i.agency }, id);
  }

  @Roles('biller')
  @Mutation(() => CommandResult, { description: 'Cancel the claim at the payer (frequency 8).' })
  voidClaim(@Args('input') i: VoidClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(i, { type: 'VoidClaim', reason: i.reason }, id);
  }

  @Roles('follow-up')
  @Mutation(() => CommandResult, {
    description: 'Record a call, portal check or 276 inquiry and what comes next.',
  })
  logFollowUp(@Args('input') i: LogFollowUpInput, @Identity() id: RequestIdentity): Promise<Result> {
    const { channel, outcome, payerReference, note, nextActionDate } = i;
    return this.send(i, { type: 'LogFollowUp', channel, outcome, payerReference, note, nextActionDate }, id);
  }

  @Roles('follow-up')
  @Mutation(() => CommandResult, { description: 'Give the claim to a biller to work.' })
  assignClaim(@Args('input') i: AssignClaimInput, @Identity() id: RequestIdentity): Promise<Result> {
    return this.send(i, { type: 'AssignClaim', assignee: i.assignee }, id);
  }
}

/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ClaimStatus =
  | 'ACCEPTED'
  | 'APPEALED'
  | 'CLOSED'
  | 'DENIED'
  | 'PAID'
  | 'PARTIALLY_PAID'
  | 'PATIENT_BILLED'
  | 'PENDED'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'VOIDED'
  | 'WRITTEN_OFF';

export type AgingAmountsFragment = {
  bucket: string;
  claims: number;
  insuranceCents: number;
  patientCents: number;
  totalCents: number;
};

export type KpiPartsFragment = {
  value: number | null;
  numerator: number;
  denominator: number;
  definition: string;
};

export type OverviewQueryVariables = Exact<{
  asOf: string;
  from: string;
  at: string | null | undefined;
}>;

export type OverviewQuery = {
  agingReport: {
    asOf: string;
    groups: Array<{
      key: string | null;
      buckets: Array<{
        bucket: string;
        claims: number;
        insuranceCents: number;
        patientCents: number;
        totalCents: number;
      }>;
      total: {
        bucket: string;
        claims: number;
        insuranceCents: number;
        patientCents: number;
        totalCents: number;
      };
    }>;
    total: {
      buckets: Array<{
        bucket: string;
        claims: number;
        insuranceCents: number;
        patientCents: number;
        totalCents: number;
      }>;
      total: {
        bucket: string;
        claims: number;
        insuranceCents: number;
        patientCents: number;
        totalCents: number;
      };
    };
  };
  kpis: {
    from: string;
    to: string;
    daysInAr: { value: number | null; numerator: number; denominator: number; definition: string };
    arOver90Days: { value: number | null; numerator: number; denominator: number; definition: string };
    netCollectionRate: { value: number | null; numerator: number; denominator: number; definition: string };
    denialRate: { value: number | null; numerator: number; denominator: number; definition: string };
    cleanClaimRate: { value: number | null; numerator: number; denominator: number; definition: string };
    firstPassResolutionRate: {
      value: number | null;
      numerator: number;
      denominator: number;
      definition: string;
    };
  };
};

export type DenialTrendsQueryVariables = Exact<{
  from: string;
  to: string;
  at: string | null | undefined;
}>;

export type DenialTrendsQuery = {
  denialTrends: Array<{
    period: string;
    reason: string | null;
    denials: number;
    deniedCents: number;
    appealed: number;
    overturned: number;
    overturnRate: number | null;
  }>;
};

export type PayerResponseTimesQueryVariables = Exact<{
  from: string;
  to: string;
  at: string | null | undefined;
}>;

export type PayerResponseTimesQuery = {
  payerResponseTimes: Array<{
    payerId: string;
    period: string;
    toFirstAdjudication: { count: number; median: number | null; p90: number | null };
    toFirstPayment: { count: number; median: number | null; p90: number | null };
  }>;
};

export type WorklistQueryVariables = Exact<{
  assignee: string | null | undefined;
  first: number;
  after: string | null | undefined;
  at: string | null | undefined;
}>;

export type WorklistQuery = {
  worklist: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        claimId: string;
        payerId: string;
        status: string;
        reason: string;
        deadline: string | null;
        deadlineKind: string | null;
        daysToDeadline: number | null;
        atStakeCents: number;
        ageDays: number;
        assignee: string | null;
      };
    }>;
  };
};

export type ClaimDetailQueryVariables = Exact<{
  id: string | number;
  first: number;
  at: string | null | undefined;
}>;

export type ClaimDetailQuery = {
  claim: {
    id: string;
    status: ClaimStatus;
    payerId: string;
    serviceDate: string;
    totalChargeCents: number;
    assignee: string | null;
    balances: { insuranceBalanceCents: number; patientBalanceCents: number; paidCents: number };
    deadlines: { timelyFiling: string; infoDue: string | null };
    payments: Array<{ paymentId: string; paidDate: string; paidCents: number; reversed: boolean }>;
  } | null;
  claimHistoryPage: {
    edges: Array<{
      node: {
        version: number;
        type: string;
        recordedAt: string;
        metadata: { actor: string; occurredAt: string };
      };
    }>;
    pageInfo: { hasNextPage: boolean };
  };
};

export type LogHeadQueryVariables = Exact<{ [key: string]: never }>;

export type LogHeadQuery = { claimLogHead: string | null };

export type ClaimEventsSubscriptionVariables = Exact<{
  after: string | null | undefined;
}>;

export type ClaimEventsSubscription = { claimEvents: { position: string; claimId: string; type: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AgingAmountsFragmentDoc = new TypedDocumentString(
  `
    fragment AgingAmounts on AgingBucket {
  bucket
  claims
  insuranceCents
  patientCents
  totalCents
}
    `,
  { fragmentName: 'AgingAmounts' },
) as unknown as TypedDocumentString<AgingAmountsFragment, unknown>;
export const KpiPartsFragmentDoc = new TypedDocumentString(
  `
    fragment KpiParts on Kpi {
  value
  numerator
  denominator
  definition
}
    `,
  { fragmentName: 'KpiParts' },
) as unknown as TypedDocumentString<KpiPartsFragment, unknown>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($asOf: String!, $from: String!, $at: String) {
  agingReport(asOf: $asOf, groupBy: PAYER, atLeastPosition: $at) {
    asOf
    groups {
      key
      buckets {
        ...AgingAmounts
      }
      total {
        ...AgingAmounts
      }
    }
    total {
      buckets {
        ...AgingAmounts
      }
      total {
        ...AgingAmounts
      }
    }
  }
  kpis(from: $from, to: $asOf, atLeastPosition: $at) {
    from
    to
    daysInAr {
      ...KpiParts
    }
    arOver90Days {
      ...KpiParts
    }
    netCollectionRate {
      ...KpiParts
    }
    denialRate {
      ...KpiParts
    }
    cleanClaimRate {
      ...KpiParts
    }
    firstPassResolutionRate {
      ...KpiParts
    }
  }
}
    fragment AgingAmounts on AgingBucket {
  bucket
  claims
  insuranceCents
  patientCents
  totalCents
}
fragment KpiParts on Kpi {
  value
  numerator
  denominator
  definition
}`) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const DenialTrendsDocument = new TypedDocumentString(`
    query DenialTrends($from: String!, $to: String!, $at: String) {
  denialTrends(
    from: $from
    to: $to
    granularity: MONTH
    groupBy: REASON
    atLeastPosition: $at
  ) {
    period
    reason
    denials
    deniedCents
    appealed
    overturned
    overturnRate
  }
}
    `) as unknown as TypedDocumentString<DenialTrendsQuery, DenialTrendsQueryVariables>;
export const PayerResponseTimesDocument = new TypedDocumentString(`
    query PayerResponseTimes($from: String!, $to: String!, $at: String) {
  payerResponseTimes(
    from: $from
    to: $to
    granularity: MONTH
    atLeastPosition: $at
  ) {
    payerId
    period
    toFirstAdjudication {
      count
      median
      p90
    }
    toFirstPayment {
      count
      median
      p90
    }
  }
}
    `) as unknown as TypedDocumentString<PayerResponseTimesQuery, PayerResponseTimesQueryVariables>;
export const WorklistDocument = new TypedDocumentString(`
    query Worklist($assignee: String, $first: Int!, $after: String, $at: String) {
  worklist(
    assignee: $assignee
    first: $first
    after: $after
    atLeastPosition: $at
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        claimId
        payerId
        status
        reason
        deadline
        deadlineKind
        daysToDeadline
        atStakeCents
        ageDays
        assignee
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WorklistQuery, WorklistQueryVariables>;
export const ClaimDetailDocument = new TypedDocumentString(`
    query ClaimDetail($id: ID!, $first: Int!, $at: String) {
  claim(id: $id, atLeastPosition: $at) {
    id
    status
    payerId
    serviceDate
    totalChargeCents
    assignee
    balances {
      insuranceBalanceCents
      patientBalanceCents
      paidCents
    }
    deadlines {
      timelyFiling
      infoDue
    }
    payments {
      paymentId
      paidDate
      paidCents
      reversed
    }
  }
  claimHistoryPage(id: $id, first: $first) {
    edges {
      node {
        version
        type
        recordedAt
        metadata {
          actor
          occurredAt
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<ClaimDetailQuery, ClaimDetailQueryVariables>;
export const LogHeadDocument = new TypedDocumentString(`
    query LogHead {
  claimLogHead
}
    `) as unknown as TypedDocumentString<LogHeadQuery, LogHeadQueryVariables>;
export const ClaimEventsDocument = new TypedDocumentString(`
    subscription ClaimEvents($after: String) {
  claimEvents(after: $after) {
    position
    claimId
    type
  }
}
    `) as unknown as TypedDocumentString<ClaimEventsSubscription, ClaimEventsSubscriptionVariables>;

import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Identity, RequestValidationError, type RequestIdentity, Roles } from '@claimtrail/platform';
import { Import277caService } from '../posting/import-277ca.service.js';
import { Import835Service } from '../posting/import-835.service.js';
import { ImportReportView } from './remittance.types.js';

/** The file text a mutation takes; larger files go through `claimtrail import`, which reads the file itself. */
export const MAX_X12_TEXT = 5_000_000;

function checkText(text: string): string {
  if (text.length === 0 || text.length > MAX_X12_TEXT)
    throw new RequestValidationError([
      {
        field: 'text',
        message: `text must be an X12 file of 1-${MAX_X12_TEXT} characters (larger: claimtrail import)`,
      },
    ]);
  return text;
}

/** Remittance files sent by a billing front end: the same imports as `claimtrail import`. */
@Resolver()
export class X12ImportResolver {
  constructor(
    private readonly import835Service: Import835Service,
    private readonly import277caService: Import277caService,
  ) {}

  @Roles('admin')
  @Mutation(() => ImportReportView, {
    description:
      'Import an X12 835 remittance: checks the whole file (envelope counts, every claim and the remittance balance, every claim known) and posts nothing when one fails, unless allowPartial; re-importing the same file posts nothing new.',
  })
  import835(
    @Args('text') text: string,
    @Args('allowPartial', { defaultValue: false }) allowPartial: boolean,
    @Identity() identity: RequestIdentity,
  ): Promise<ImportReportView> {
    return this.import835Service.import(checkText(text), { actor: identity.actor, allowPartial });
  }

  @Roles('admin')
  @Mutation(() => ImportReportView, {
    description:
      'Import an X12 277CA: acknowledgements (A1/A2) and front-end rejections (A3/A4/A6/A7/A8) posted as the claim commands; re-importing posts nothing new.',
  })
  import277ca(
    @Args('text') text: string,
    @Args('allowPartial', { defaultValue: false }) allowPartial: boolean,
    @Identity() identity: RequestIdentity,
  ): Promise<ImportReportView> {
    return this.import277caService.import(checkText(text), { actor: identity.actor, allowPartial });
  }
}

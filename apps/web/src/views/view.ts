import type { Request } from '../api.js';
import type { Session } from '../session.js';

export interface ViewContext {
  request: Request;
  session: Session;
  /** The report date the views share (YYYY-MM-DD); views change it through setAsOf. */
  asOf: string;
  setAsOf(day: string): void;
  today: string;
  /** The newest log position a live event announced: reads wait until their view includes it (null before any). */
  at: string | null;
}

export interface View {
  title: string;
  /** Fills `into` (already empty) with the view; resolves once the data is on the page. */
  render(into: HTMLElement, context: ViewContext): Promise<void>;
  /** Whether an event on this claim changes what the view shows; views without it ignore live events. */
  changesWith?(claimId: string): boolean;
  destroy?(): void;
}

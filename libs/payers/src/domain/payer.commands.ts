/** Create a payer or change its rules; a rule left out keeps its current value, or Medicare's for a new payer. */
export interface ChangePayerRules {
  type: 'ChangePayerRules';
  payerId: string;
  name: string;
  timelyFilingDays?: number;
  appealWindowDays?: number[];
  responseDays?: number;
}

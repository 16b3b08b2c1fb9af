// @claimtrail/remittances/testing: the X12 fixtures and builders of them, for specs and the end-to-end suites.
export { fixture, singleClaimPayment, type PaymentFixtureOptions } from '../x12/x12-fixtures.testing.js';

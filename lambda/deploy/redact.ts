/**
 * Results never carry AWS account ids or credentials. Role ARNs are needed to
 * deploy but are written to run.json (which records the options) with the
 * account masked, and AWS error messages are masked before they are recorded.
 *
 * AWS error texts name the account outside ARNs too ("User: ... is not
 * authorized ... in account 123456789012", "Account 123456789012 is not
 * subscribed", CDK asset bucket names like `cdk-x-assets-123456789012-us-east-1`),
 * so every 12-digit number that stands on its own is masked, not only the
 * account field of an ARN. Over-masking a number in an error text costs nothing;
 * a leaked account id cannot be taken back.
 */

/** The account field of an ARN: `arn:<partition>:<service>:<region>:<account>`. */
const ARN_ACCOUNT = /(arn:aws[a-zA-Z-]*:[a-z0-9-]*:[a-z0-9-]*:)\d{12}(?=[:/]|$)/g;
/**
 * Twelve digits (or the console's 1234-5678-9012) not inside a longer number, a
 * word, a hex string or a decimal: before it no letter, digit or "digit.", after
 * it no letter, digit or ".digit".
 */
const BARE_ACCOUNT = /(?<![\dA-Za-z])(?<!\d\.)(?:\d{12}|\d{4}-\d{4}-\d{4})(?![\dA-Za-z]|\.\d)/g;

/** Masks 12-digit account ids in a text: in ARNs, after "Account", and anywhere else they stand alone. */
export function redactAccountIds(text: string): string {
  return text.replace(ARN_ACCOUNT, '$1<account>').replace(BARE_ACCOUNT, '<account>');
}

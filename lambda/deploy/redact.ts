/**
 * Results never carry AWS account ids or credentials. Role ARNs are needed to
 * deploy but are written to run.json (which records the options) with the
 * account masked, and AWS error messages are masked before they are recorded.
 */

/** Masks the 12-digit account id in every ARN of a text. */
export function redactAccountIds(text: string): string {
  return text.replace(/(arn:aws[a-zA-Z-]*:[a-z0-9-]*:[a-z0-9-]*:)\d{12}(?=[:/]|$)/g, '$1<account>');
}

/** An execution role ARN that serialises (JSON.stringify, run.json) without its account id. */
export class RoleArn {
  constructor(readonly arn: string) {}

  /** What run.json records. */
  toJSON(): string {
    return redactAccountIds(this.arn);
  }

  /** Also masked when printed. */
  toString(): string {
    return this.toJSON();
  }
}

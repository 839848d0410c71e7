/**
 * The execution role of deployed functions. Its ARN is needed to deploy but
 * run.json records the options, and results never carry an AWS account id:
 * the role serialises (JSON.stringify) and prints with its account masked.
 * Here, beside the flag that reads it, so the options need nothing of the
 * Lambda placement.
 */

/** What `--role` accepts: an IAM role ARN in any partition. */
export const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/;

/** An execution role ARN that serialises (JSON.stringify, run.json) without its account id. */
export class RoleArn {
  constructor(readonly arn: string) {}

  /** What run.json records: the ARN with `<account>` for the account id. */
  toJSON(): string {
    return this.arn.replace(/^(arn:aws[a-zA-Z-]*:iam::)\d{12}(?=:)/, '$1<account>');
  }

  /** Also masked when printed. */
  toString(): string {
    return this.toJSON();
  }
}

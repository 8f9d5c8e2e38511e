// The policy server's own error for a value not known during preview; it turns it into an advisory
// "can't run policy ... during preview" diagnostic.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new (...args: never[]) => Error };

/**
 * Checks several independent things in one policy run: a value unknown during preview skips only the check that
 * reads it, and is raised once at the end so the preview still says the policy could not fully run.
 */
export class UnknownTracker {
  private first: Error | undefined;

  /** Runs a read; returns undefined (and remembers why) when it hits an unknown value. */
  readonly attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof UnknownValueError)) throw error;
      this.first ??= error;
      return undefined;
    }
  };

  /** Raises the first unknown met, after every known value has been checked and reported. */
  finish(): void {
    if (this.first !== undefined) throw this.first;
  }
}

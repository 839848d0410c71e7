/**
 * What reporters know about targets: each registered target's card (name,
 * role, display facts). A pure module (no imports): reporters may read it,
 * as they may read only the contract and pure helpers. It holds no list of
 * its own: the registry (`./index.ts`, the only list of targets) hands every
 * target's card over as it registers it, so whatever renders a report loads
 * the registry first (the CLI, `npm run report`, the test setup), and these
 * functions refuse to answer before it has.
 *
 * A name no registered target has (a run written when other targets
 * existed) still renders: after the known ones, by name, under its own name,
 * in the shared fallback colour.
 */

/**
 * What a target is to the decision: the baseline every ratio is against, a
 * Node variant (what Wasm is compared with, never an alternative to move to),
 * or an alternative to Node.
 */
export type TargetRole = 'baseline' | 'node-variant' | 'alternative' | 'reference';

/** How reports show a target. */
export interface TargetDisplay {
  /** Name in tables, charts and the ADR draft (results always record the target's name). */
  readonly label: string;
  /** Position in every listing of targets, smallest first; the baseline comes first because every ratio is against it. */
  readonly order: number;
  /** Colour in every chart (a CSS hex colour); never a verdict's green or red. */
  readonly colour: string;
  /** What the option is, for the ADR draft's Options section (lower-case sentence, no final period). */
  readonly option: string;
  /** What the option costs to keep whatever the figures say, for the ADR draft ("Good, because..."/"Bad, because..."). */
  readonly upkeep: string;
  /**
   * When the target joined the project (ISO 8601). A run started before it
   * could not have measured it, so its reports do not list it among the
   * targets not measured. Absent: there from the start.
   */
  readonly addedAt?: string;
}

/** The part of a target's descriptor reporters read. */
export interface TargetCard {
  readonly name: string;
  readonly role: TargetRole;
  readonly display: TargetDisplay;
}

/** The colour of targets no registered target has. */
export const UNKNOWN_TARGET_COLOUR = '#d37295';

const cards: TargetCard[] = [];

/** Called by the registry only, as it registers a target: keeps the cards in display order. Returns the function that removes the card. */
export function addTargetCard(card: TargetCard): () => void {
  cards.push(card);
  cards.sort((a, b) => a.display.order - b.display.order || a.name.localeCompare(b.name));
  return () => {
    const index = cards.indexOf(card);
    if (index !== -1) cards.splice(index, 1);
  };
}

function registered(): readonly TargetCard[] {
  if (cards.length === 0) throw new Error('no target is registered: load the target registry (harness/targets/index.ts) before rendering');
  return cards;
}

function cardOf(target: string): TargetCard | undefined {
  return registered().find((c) => c.name === target);
}

/** Position of a target in every listing; unknown names after all known ones. */
export function targetRank(target: string): number {
  const index = registered().findIndex((c) => c.name === target);
  return index === -1 ? cards.length : index;
}

/** Sorts target names in display order (unknown ones after, by name). */
export function compareTargets(a: string, b: string): number {
  return targetRank(a) - targetRank(b) || a.localeCompare(b);
}

/** Every registered target's name, in display order. */
export function displayOrder(): string[] {
  return registered().map((c) => c.name);
}

/** The registered targets a run started at `startedAt` could have measured (those added since could not), in display order. */
export function targetsKnownAt(startedAt: string): string[] {
  const at = Date.parse(startedAt);
  return registered()
    .filter((c) => c.display.addedAt === undefined || !(Date.parse(c.display.addedAt) > at))
    .map((c) => c.name);
}

/** The name a report shows for a target. */
export function targetLabel(target: string): string {
  return cardOf(target)?.display.label ?? target;
}

/** A target's colour in every chart. */
export function targetColour(target: string): string {
  return cardOf(target)?.display.colour ?? UNKNOWN_TARGET_COLOUR;
}

/** The ADR draft's description of a target as an option, and what it costs to keep; undefined for unknown targets. */
export function targetOption(target: string): { readonly option: string; readonly upkeep: string } | undefined {
  const display = cardOf(target)?.display;
  return display ? { option: display.option, upkeep: display.upkeep } : undefined;
}

/** The target every ratio is against. */
export function baselineTarget(): string {
  const baseline = registered().find((c) => c.role === 'baseline');
  if (!baseline) throw new Error('no baseline target is registered');
  return baseline.name;
}

/** True for the target every ratio is against. */
export function isBaseline(target: string): boolean {
  return target === baselineTarget();
}

/**
 * True for a measuring reference (native code): shown next to the targets,
 * never an option the decision could move to.
 */
export function isReference(target: string): boolean {
  return cardOf(target)?.role === 'reference';
}

/**
 * True for the Node-side targets (the port and the code a team would
 * write): what Wasm is compared with, never an alternative to move to.
 */
export function isNodeVariant(target: string): boolean {
  return cardOf(target)?.role === 'baseline' || cardOf(target)?.role === 'node-variant';
}

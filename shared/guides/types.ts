/**
 * The shape of a help guide (docs/architecture.md, "Errors, help and support"): data, not code, so
 * the same guide is shown to a patient as a guided flow and to support staff as a script, and
 * a test can walk every path of every guide.
 *
 * Words are never here: a node's texts live in shared/locales/*.json under
 * `guides.<guide>.<node>.<part>` (see `wordKeys`), translated like everything else.
 */

/** The automatic checks a guide (and "Check my device") can run on the device. */
export const deviceChecks = [
  "network",
  "cookies",
  "storage",
  "indexeddb",
  "serviceWorker",
  "browser",
  "clock",
] as const;
export type DeviceCheck = (typeof deviceChecks)[number];

/**
 * Things a guide sends the person off to do. The client maps each to its page, or to the
 * help-request form while that page does not exist yet (client/features/help/guide-actions.ts).
 */
export const guideActions = [
  "resetPassword",
  "remindUsername",
  "activate",
  "signIn",
  "twoStepSettings",
  "checkDevice",
  "resetApp",
  "askForHelp",
] as const;
export type GuideAction = (typeof guideActions)[number];

/** Answers every guide shares; their words are `guides.answers.<id>`, not the node's. */
export const sharedAnswers = ["fixed", "notFixed", "yes", "no"] as const;

interface NodeBase {
  id: string;
  /** Paragraphs, each `guides.<guide>.<node>.<part>`; the heading is always `.title`. */
  says?: readonly string[];
  /** Numbered steps to follow, in order, each `guides.<guide>.<node>.<part>`. */
  steps?: readonly string[];
}

/** Something to read or do, then carry on. */
export interface StepNode extends NodeBase {
  kind: "step";
  next: string;
}

/** A question; each answer leads on. Words: `guides.answers.<id>` or `guides.<g>.<node>.<id>`. */
export interface QuestionNode extends NodeBase {
  kind: "question";
  answers: readonly { id: string; next: string }[];
}

/** Runs one device check and follows its outcome. */
export interface CheckNode extends NodeBase {
  kind: "check";
  check: DeviceCheck;
  pass: string;
  fail: string;
}

/** Offers one action (a link to its page), then carries on when the person comes back. */
export interface ActionNode extends NodeBase {
  kind: "action";
  action: GuideAction;
  next: string;
}

/** The end of a path: solved, or over to support (every end still offers contact). */
export interface EndNode extends NodeBase {
  kind: "end";
  outcome: "resolved" | "contact";
}

export type GuideNode = StepNode | QuestionNode | CheckNode | ActionNode | EndNode;

export interface Guide {
  id: string;
  /** The first node's id. */
  start: string;
  nodes: readonly GuideNode[];
}

/** The ids a node leads to, in the order shown. */
export function nextIds(node: GuideNode): string[] {
  switch (node.kind) {
    case "step":
    case "action":
      return [node.next];
    case "question":
      return node.answers.map((answer) => answer.next);
    case "check":
      return [node.pass, node.fail];
    case "end":
      return [];
  }
}

/** The locale key of an answer's words. */
export function answerKey(guide: string, node: string, answer: string): string {
  return (sharedAnswers as readonly string[]).includes(answer)
    ? `guides.answers.${answer}`
    : `guides.${guide}.${node}.${answer}`;
}

/** Every locale key a node's words need: its title, paragraphs, steps and own answers. */
export function wordKeys(guide: string, node: GuideNode): string[] {
  const base = `guides.${guide}.${node.id}`;
  const parts = [...(node.says ?? []), ...(node.steps ?? [])].map((part) => `${base}.${part}`);
  const answers =
    node.kind === "question" ? node.answers.map((a) => answerKey(guide, node.id, a.id)) : [];
  return [`${base}.title`, ...parts, ...answers];
}

// Maven's ComparableVersion ordering: numbers and qualifiers split on ".", "-" and digit/letter
// changes, with the well-known qualifiers ordered alpha < beta < milestone < rc < snapshot < release < sp.
import { cachedScheme, compareDigits } from "./scheme.ts";

type Item =
  | { kind: "int"; value: string }
  | { kind: "str"; value: string }
  | { kind: "list"; items: Item[] };

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { ga: "", final: "", release: "", cr: "rc" };
const RELEASE_RANK = QUALIFIERS.indexOf("");

function qualifierKey(value: string): string {
  const index = QUALIFIERS.indexOf(value);
  return index >= 0 ? String(index) : `${QUALIFIERS.length}-${value}`;
}

function stringItem(value: string, followedByDigit: boolean): Item {
  let text = value;
  if (followedByDigit && text.length === 1)
    text = { a: "alpha", b: "beta", m: "milestone" }[text] ?? text;
  return { kind: "str", value: ALIASES[text] ?? text };
}

function isNull(item: Item): boolean {
  if (item.kind === "int") return /^0+$/.test(item.value);
  if (item.kind === "str") return item.value === "";
  return item.items.length === 0;
}

/** Drops trailing "null" items (0, "", empty lists) so 1.0 == 1 and 1-ga == 1. */
function normalize(list: Item[]): void {
  for (let index = list.length - 1; index >= 0; index--) {
    const item = list[index] as Item;
    if (isNull(item)) list.splice(index, 1);
    else if (item.kind !== "list") break;
  }
}

function parseMaven(version: string): Item | undefined {
  const text = version.trim().toLowerCase();
  if (text === "" || /[^a-z0-9.\-_+]/.test(text)) return undefined;
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let token = "";
  let digits = false;
  const flush = (nextIsDigit: boolean) => {
    if (token === "") list.push({ kind: "int", value: "0" });
    else list.push(digits ? { kind: "int", value: token } : stringItem(token, nextIsDigit));
    token = "";
  };
  const openSublist = () => {
    const sub: Item[] = [];
    list.push({ kind: "list", items: sub });
    list = sub;
    stack.push(sub);
  };
  for (const char of text) {
    const isDigit = char >= "0" && char <= "9";
    if (char === ".") {
      flush(false);
    } else if (char === "-" || char === "_" || char === "+") {
      flush(false);
      openSublist();
    } else if (token !== "" && isDigit !== digits) {
      flush(isDigit);
      openSublist();
      token = char;
      digits = isDigit;
    } else {
      token += char;
      digits = isDigit;
    }
  }
  if (token !== "") flush(false);
  // Innermost lists first, so a parent sees a child that normalised away to nothing.
  for (const sub of stack.reverse()) normalize(sub);
  return { kind: "list", items: root };
}

function compareItem(a: Item | undefined, b: Item | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -compareItem(b, undefined);
  if (a.kind === "int") {
    if (b === undefined) return isNull(a) ? 0 : 1;
    return b.kind === "int" ? compareDigits(a.value, b.value) : 1;
  }
  if (a.kind === "str") {
    if (b === undefined) {
      const [key, release] = [qualifierKey(a.value), String(RELEASE_RANK)];
      return key < release ? -1 : key > release ? 1 : 0;
    }
    if (b.kind === "int" || b.kind === "list") return -1;
    const [left, right] = [qualifierKey(a.value), qualifierKey(b.value)];
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (b === undefined) return a.items.length === 0 ? 0 : compareItem(a.items[0], undefined);
  if (b.kind === "int") return -1;
  if (b.kind === "str") return 1;
  for (let index = 0; index < Math.max(a.items.length, b.items.length); index++) {
    const result = compareItem(a.items[index], b.items[index]);
    if (result !== 0) return result;
  }
  return 0;
}

export const mavenScheme = cachedScheme("Maven", parseMaven, compareItem);

import { hashedId } from "../redis/hashed-id.ts";

/** Words of a learner's stable pseudonym: "Swift Otter 4821". */
const ADJECTIVES = [
  "Swift",
  "Bright",
  "Calm",
  "Clever",
  "Bold",
  "Keen",
  "Quiet",
  "Lucky",
  "Brave",
  "Witty",
  "Eager",
  "Gentle",
  "Merry",
  "Nimble",
  "Sunny",
  "Steady",
] as const;
const ANIMALS = [
  "Otter",
  "Falcon",
  "Lynx",
  "Heron",
  "Badger",
  "Marten",
  "Puffin",
  "Ibex",
  "Gecko",
  "Koala",
  "Orca",
  "Panda",
  "Raven",
  "Tapir",
  "Wombat",
  "Yak",
] as const;

/**
 * A learner's member id on the boards: a hash of the user id, so neither Redis nor a board
 * response carries the raw `sub`, while the same learner always maps to the same member.
 */
export async function boardMember(learnerId: string): Promise<string> {
  return `m_${await hashedId("leaderboard", learnerId)}`;
}

/** The pseudonym of a member, for learners whose token carries no usable name. */
export function pseudonym(member: string): string {
  const hex = member.replace(/^m_/, "");
  const at = (i: number) => Number.parseInt(hex.slice(i, i + 2), 16) || 0;
  const number = ((at(4) << 8) | at(6)) % 10_000;
  return `${ADJECTIVES[at(0) % ADJECTIVES.length]} ${ANIMALS[at(2) % ANIMALS.length]} ${String(number).padStart(4, "0")}`;
}

/**
 * A name fit to show others, from the token's user metadata (Supabase: `full_name`, `name`,
 * `user_name`, `preferred_username`): control and format characters removed, spaces
 * collapsed, at most 40 characters. Anything that looks like an email address, or is the user
 * id, is not used.
 */
export function publicName(candidate: unknown, learnerId: string): string | null {
  if (typeof candidate !== "string") return null;
  const cleaned = candidate
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned.length < 2 || cleaned.includes("@") || cleaned === learnerId) return null;
  return [...cleaned].slice(0, 40).join("").trim();
}

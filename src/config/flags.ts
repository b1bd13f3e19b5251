import { CONFIG_KEYS, CONFIG_REGISTRY, type ConfigKey, type Settings } from "../../schemas/config-registry.ts";
import type { FeatureFlag } from "../../schemas/feature-flag.ts";
import { murmur3 } from "./murmur3.ts";

export type FlagReason = "disabled" | "denied" | "allowed" | "rollout" | "outside-rollout";

export interface FlagDecision {
  enabled: boolean;
  reason: FlagReason;
  /** The user's sticky bucket, 0..99. */
  bucket: number;
}

/** The documented bucket: MurmurHash3 x86 32 (seed 0) of "<flag>:<userId>", mod 100 (as Unleash). */
export function bucketOf(flag: string, userId: string): number {
  return murmur3(`${flag}:${userId}`) % 100;
}

/** Off wins, then the deny list, then the allow list, then the percentage of buckets. */
export function evaluateFlag(name: string, flag: FeatureFlag, userId: string): FlagDecision {
  const bucket = bucketOf(name, userId);
  if (!flag.enabled) return { enabled: false, reason: "disabled", bucket };
  if (flag.deny.includes(userId)) return { enabled: false, reason: "denied", bucket };
  if (flag.allow.includes(userId)) return { enabled: true, reason: "allowed", bucket };
  const inside = bucket < flag.rolloutPercent;
  return { enabled: inside, reason: inside ? "rollout" : "outside-rollout", bucket };
}

/** Keys whose values are feature flags (percentage rollouts and on/off flags). */
export const FLAG_KEYS = CONFIG_KEYS.filter((k) => {
  const control = CONFIG_REGISTRY[k].control;
  return control === "flag" || control === "percentage";
}) as Extract<ConfigKey, `features.${string}`>[];

/** Every flag decided for one user; the flag name is the key without its `features.` prefix. */
export function evaluateFlags(settings: Settings, userId: string): Record<string, FlagDecision> {
  return Object.fromEntries(
    FLAG_KEYS.map((key) => [key.slice("features.".length), evaluateFlag(key, settings[key] as FeatureFlag, userId)]),
  );
}

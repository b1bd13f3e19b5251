import type { Child } from "hono/jsx";

/** A message at the top of a server-rendered page (the dashboard's, the learner app's). */
export interface Notice {
  kind: "success" | "error" | "info";
  text: string;
}

/** Success and information are announced politely; errors interrupt. */
export function NoticeBox(props: { notice?: Notice }): Child {
  const { notice } = props;
  if (!notice) return null;
  return (
    <div class={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
      {notice.text}
    </div>
  );
}

import { getTableColumns } from "drizzle-orm";
import { questions } from "../../schemas/d1-tables.ts";
import type { Question } from "../../schemas/question.ts";

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/** `INSERT OR IGNORE` statements that copy questions into the D1 edge table, for `wrangler d1 execute`. */
export function d1SeedSql(bank: Question[]): string {
  const columns = Object.entries(getTableColumns(questions)) as [keyof Question, { name: string }][];
  const names = columns.map(([, column]) => column.name).join(", ");
  return bank
    .map((q) => {
      const values = columns.map(([key]) => literal(q[key])).join(", ");
      return `INSERT OR IGNORE INTO questions (${names}) VALUES (${values});`;
    })
    .join("\n");
}

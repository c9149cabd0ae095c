// The campaigns list's search, filters and sort, read from the URL and applied on the server, so
// a link or a reload shows the same list. Unknown values in the URL are ignored, never an error.
import { EFFECTS } from "promo-discount/config";
import { CHANNELS } from "./campaign-input";
import type { CampaignStatus } from "./status";

export const LIST_STATUSES: { value: CampaignStatus; label: string }[] = [
  { value: "draft", label: "Draft" },
  { value: "scheduled", label: "Scheduled" },
  { value: "live", label: "Live" },
  { value: "paused", label: "Paused" },
  { value: "expired", label: "Expired" },
  { value: "archived", label: "Archived" },
];

export const LIST_TYPES = EFFECTS.map((effect) => ({ value: effect.type as string, label: effect.label }));

export const LIST_SORTS = [
  { value: "created desc", label: "Newest first" },
  { value: "created asc", label: "Oldest first" },
  { value: "name asc", label: "Name A–Z" },
  { value: "name desc", label: "Name Z–A" },
  { value: "starts asc", label: "Starts soonest" },
  { value: "ends asc", label: "Ends soonest" },
] as const;

export type ListSort = (typeof LIST_SORTS)[number]["value"];

export interface CampaignListQuery {
  q: string;
  status: string[];
  owner: string[];
  channel: string[];
  type: string[];
  sort: ListSort;
}

export interface ListedCampaign {
  id: number;
  name: string;
  ownerName: string;
  status: CampaignStatus;
  channel: string;
  offerTypes: string[];
  startsAt: Date | string;
  endsAt: Date | string | null;
}

const known = (values: string[], allowed: readonly string[]) => [...new Set(values.filter((value) => allowed.includes(value)))];

/** The URL's ?q, ?status, ?owner, ?channel, ?type (each repeatable) and ?sort. */
export function readListQuery(params: URLSearchParams): CampaignListQuery {
  const sort = params.get("sort") ?? "";
  return {
    q: (params.get("q") ?? "").trim().slice(0, 255),
    status: known(
      params.getAll("status"),
      LIST_STATUSES.map((status) => status.value),
    ),
    owner: [...new Set(params.getAll("owner").map((owner) => owner.slice(0, 255)))],
    channel: known(
      params.getAll("channel"),
      CHANNELS.map((channel) => channel.value),
    ),
    type: known(
      params.getAll("type"),
      LIST_TYPES.map((type) => type.value),
    ),
    sort: (LIST_SORTS.some((option) => option.value === sort) ? sort : "created desc") as ListSort,
  };
}

const time = (value: Date | string | null) => (value === null ? Number.POSITIVE_INFINITY : new Date(value).getTime());

/** The campaigns matching the query, in its order (rows come newest first). */
export function applyListQuery<T extends ListedCampaign>(rows: T[], query: CampaignListQuery): T[] {
  const needle = query.q.toLowerCase();
  const matching = rows.filter(
    (row) =>
      (!needle || row.name.toLowerCase().includes(needle) || row.ownerName.toLowerCase().includes(needle)) &&
      (query.status.length === 0 || query.status.includes(row.status)) &&
      (query.owner.length === 0 || query.owner.includes(row.ownerName)) &&
      (query.channel.length === 0 || query.channel.includes(row.channel)) &&
      (query.type.length === 0 || row.offerTypes.some((type) => query.type.includes(type))),
  );
  const [key, direction] = query.sort.split(" ") as [string, "asc" | "desc"];
  const sign = direction === "asc" ? 1 : -1;
  const compare: Record<string, (a: T, b: T) => number> = {
    created: (a, b) => a.id - b.id,
    name: (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }),
    starts: (a, b) => time(a.startsAt) - time(b.startsAt),
    ends: (a, b) => time(a.endsAt) - time(b.endsAt),
  };
  return [...matching].sort((a, b) => sign * compare[key](a, b) || b.id - a.id);
}

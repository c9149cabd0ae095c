import { CHANNELS } from "~/domain/campaigns/campaign-input";

/** A date as the shop reads it: in the shop's time zone. */
export function shopDate(value: string | Date | null, timeZone: string): string {
  if (value === null) return "—";
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export function channelLabel(channel: string): string {
  return CHANNELS.find((known) => known.value === channel)?.label ?? channel;
}

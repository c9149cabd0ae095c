import { CHANNELS } from "~/domain/campaigns/campaign-input";

/** A campaign's channel as the merchant named it in the form. */
export function channelLabel(channel: string): string {
  return CHANNELS.find((known) => known.value === channel)?.label ?? channel;
}

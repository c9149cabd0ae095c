// The analytics period: presets (last 7/30/90 days, this month) or any custom range, picked on a
// calendar or typed. The choice lives in the URL (?from&to), so a link or a reload keeps it, and
// the server checks it again (readRange) whatever the browser sends.
import { useCallback, useState } from "react";
import { useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Button, DatePicker, InlineGrid, InlineStack, OptionList, Popover, Text, TextField } from "@shopify/polaris";
import { CalendarIcon } from "@shopify/polaris-icons";
import type { DateRange } from "~/domain/analytics/types";
import { MAX_RANGE_DAYS, PRESETS, presetOf, presetRange, rangeLabel, readRange, type PresetId } from "~/domain/analytics/date-range";

/** A shop-local day as the calendar's local Date, and back. */
const toDate = (day: string) => new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const pad = (value: number) => String(value).padStart(2, "0");
const toDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** The calendar shows two months, the first one given: the range's last day sits in the second
 * (its own month first would put next month, all of it in the future, beside it). */
export function shownMonths(lastDay: string): { month: number; year: number } {
  const date = toDate(lastDay);
  const first = new Date(date.getFullYear(), date.getMonth() - 1, 1);
  return { month: first.getMonth(), year: first.getFullYear() };
}

export function DateRangePicker({ range, today }: { range: DateRange; today: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ from: range.from, to: range.to });
  const [month, setMonth] = useState(() => shownMonths(range.to));
  const [error, setError] = useState<string | null>(null);

  const openPicker = useCallback(() => {
    setDraft({ from: range.from, to: range.to });
    setMonth(shownMonths(range.to));
    setError(null);
    setOpen(true);
  }, [range]);

  const choosePreset = (id: string) => {
    if (id === "custom") return;
    const next = presetRange(id as PresetId, today);
    setDraft(next);
    setMonth(shownMonths(next.to));
    setError(null);
  };

  const apply = () => {
    const reading = readRange(new URLSearchParams({ from: draft.from, to: draft.to }), range);
    if (!reading.ok) return setError(reading.error);
    const next = new URLSearchParams(searchParams);
    next.set("from", reading.range.from);
    next.set("to", reading.range.to);
    setSearchParams(next);
    setOpen(false);
  };

  const validDraft = /^\d{4}-\d{2}-\d{2}$/.test(draft.from) && /^\d{4}-\d{2}-\d{2}$/.test(draft.to) && draft.from <= draft.to;
  const preset = presetOf(draft, today) ?? "custom";

  return (
    <Popover
      active={open}
      autofocusTarget="none"
      preferredAlignment="left"
      fluidContent
      onClose={() => setOpen(false)}
      activator={
        <Button icon={CalendarIcon} onClick={openPicker} disclosure accessibilityLabel={`Period: ${rangeLabel(range, today)}. Change period`}>
          {rangeLabel(range, today)}
        </Button>
      }
    >
      <Popover.Pane fixed>
        <InlineGrid columns={{ xs: "1fr", md: "max-content 1fr" }} gap="400">
          <Box minWidth="160px" paddingBlockStart="200">
            <OptionList
              options={[...PRESETS.map(({ id, label }) => ({ value: id, label })), { value: "custom", label: "Custom" }]}
              selected={[preset]}
              onChange={([id]) => choosePreset(id)}
            />
          </Box>
          <Box padding="400" maxWidth="560px">
            <BlockStack gap="400">
              <InlineStack gap="200" wrap={false}>
                <TextField
                  label="Starting"
                  value={draft.from}
                  placeholder="YYYY-MM-DD"
                  autoComplete="off"
                  onChange={(from) => {
                    setDraft((current) => ({ ...current, from }));
                    setError(null);
                  }}
                />
                <TextField
                  label="Ending"
                  value={draft.to}
                  placeholder="YYYY-MM-DD"
                  autoComplete="off"
                  onChange={(to) => {
                    setDraft((current) => ({ ...current, to }));
                    if (/^\d{4}-\d{2}-\d{2}$/.test(to) && !Number.isNaN(toDate(to).getTime())) setMonth(shownMonths(to));
                    setError(null);
                  }}
                />
              </InlineStack>
              <DatePicker
                month={month.month}
                year={month.year}
                onMonthChange={(nextMonth, year) => setMonth({ month: nextMonth, year })}
                onChange={({ start, end }) => {
                  setDraft({ from: toDay(start), to: toDay(end) });
                  setError(null);
                }}
                selected={validDraft ? { start: toDate(draft.from), end: toDate(draft.to) } : undefined}
                disableDatesAfter={toDate(today)}
                allowRange
                multiMonth
              />
              {error ? (
                <div role="alert">
                  <Text as="p" tone="critical">
                    {error}
                  </Text>
                </div>
              ) : (
                <Text as="p" tone="subdued">
                  Days are in the store&apos;s time zone; a period covers at most {MAX_RANGE_DAYS} days.
                </Text>
              )}
              <InlineStack align="end" gap="200">
                <Button onClick={() => setOpen(false)}>Cancel</Button>
                <Button variant="primary" onClick={apply}>
                  Apply
                </Button>
              </InlineStack>
            </BlockStack>
          </Box>
        </InlineGrid>
      </Popover.Pane>
    </Popover>
  );
}

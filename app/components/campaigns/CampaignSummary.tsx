// The summary beside the campaign editor, as Shopify's discount pages have one: what the discount
// gives (its definition's summary()), who and what it applies to and when, in plain words, as the
// merchant fills the form in; and a way to test it on a cart.
import { BlockStack, Box, Button, Card, List, Text } from "@shopify/polaris";
import { effectDefinition } from "promo-discount/config";
import type { ArgSchema, ConfigIssue, Effect } from "promo-discount/config";
import { CONDITION_FIELD, FORM_CONDITIONS, configFromForm, splitList, type FormValues } from "~/domain/campaigns/config-form";
import { countryName, optionWords, timeForField } from "~/domain/campaigns/rule-words";
import { formatMoney } from "~/lib/format";
import { idsOf, pickerType } from "./RuleField";

interface Props {
  values: FormValues;
  names: Record<string, string>;
  timeZone: string;
  /** The shop's currency: amounts read "$10.00". */
  currency: string;
  /** The cart simulator with the campaign's code, once the campaign is saved. */
  testUrl: string | null;
}

/** What the discount gives, from its definition; null until its arguments are complete. */
export function effectSummary(values: FormValues, currency: string | null = null): string | null {
  const { config } = configFromForm(values);
  const [effect] = (config.effects as Effect[] | undefined) ?? [];
  const definition = effect ? effectDefinition(effect.type) : undefined;
  if (!effect || !definition) return null;
  const issues: ConfigIssue[] = [];
  if (!definition.schema.check(effect, "effect", issues) || issues.length > 0) return null;
  const words = definition.summary(effect, (amount) => formatMoney(amount, currency));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueWords(key: string, schema: ArgSchema<unknown>, text: string, names: Record<string, string>, currency: string | null): string {
  if (pickerType(schema))
    return idsOf(text)
      .map((id) => names[id] ?? "an item no longer in the store")
      .join(", ");
  if (schema.kind === "flag") return "";
  if (schema.kind === "enum") return optionWords(schema, text);
  if (schema.kind === "timeOfDay") return timeForField(text);
  if (schema.kind === "money") return formatMoney(text, currency);
  const entries = splitList(text);
  if (schema.item?.kind === "countryCode") return entries.map(countryName).join(", ");
  if (schema.item?.kind === "enum") return entries.map((entry) => optionWords(schema, entry)).join(", ");
  return schema.kind === "list" ? entries.join(", ") : text;
}

/** Each condition the form switches on, in words: "Only these collections: Bedroom". */
export function conditionSummaries(values: FormValues, names: Record<string, string>, timeZone: string, currency: string | null = null): string[] {
  return FORM_CONDITIONS.flatMap((condition) => {
    const set = condition.keys.filter((key) => (values[CONDITION_FIELD(key)] ?? "").trim() !== "");
    if (set.length === 0) return [];
    if (condition.name === "dailyHours") {
      const [from, until] = condition.keys.map((key) => timeForField(values[CONDITION_FIELD(key)] ?? ""));
      return [`Only from ${from || "…"} to ${until || "…"} (${timeZone})`];
    }
    const words = set
      .map((key) => valueWords(key, condition.args[key]!, values[CONDITION_FIELD(key)] ?? "", names, currency))
      .filter(Boolean)
      .join("; ");
    return [words ? `${condition.label}: ${words}` : condition.label];
  });
}

function codeWords(values: FormValues): string | null {
  if (values.codeSource === "shared") return values.sharedCode ? `Code ${values.sharedCode.toUpperCase()}` : "One shared code";
  if (values.codeSource === "generated") return values.generatedCount ? `${values.generatedCount} unique codes` : "Generated unique codes";
  if (values.codeSource === "pool") return "Codes from a coupon pool";
  return null;
}

export function CampaignSummary({ values, names, timeZone, currency, testUrl }: Props) {
  const effect = effectSummary(values, currency);
  const conditions = conditionSummaries(values, names, timeZone, currency);
  const code = codeWords(values);
  const starts = values.startsAt ? values.startsAt.replace("T", " at ") : null;
  const ends = values.endsAt ? values.endsAt.replace("T", " at ") : null;
  return (
    <section aria-labelledby="campaign-summary-heading">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd" id="campaign-summary-heading">
            Summary
          </Text>
          <Text as="p" fontWeight="semibold">
            {values.name?.trim() || "No name yet"}
          </Text>
          {code && (
            <Text as="p" tone="subdued">
              {code}
            </Text>
          )}
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Discount
            </Text>
            <Text as="p">{effect ?? "Choose what the discount gives."}</Text>
            {values["config.maxDiscountPerOrder"] && <Text as="p" tone="subdued">{`At most ${values["config.maxDiscountPerOrder"]} off one order`}</Text>}
          </BlockStack>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Applies when
            </Text>
            {conditions.length === 0 ? (
              <Text as="p" tone="subdued">
                Every order, all eligible items.
              </Text>
            ) : (
              <List type="bullet">
                {conditions.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            )}
          </BlockStack>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Active dates
            </Text>
            <Text as="p">{starts ? `From ${starts}${ends ? ` until ${ends}` : ", no end date"} (${timeZone})` : "Choose a start date."}</Text>
            {values.oncePerCustomer === "true" && (
              <Text as="p" tone="subdued">
                One use per customer
              </Text>
            )}
            {values.usageLimit && <Text as="p" tone="subdued">{`${values.usageLimit} uses in total`}</Text>}
          </BlockStack>
          <Box>
            {testUrl ? (
              <Button url={testUrl} variant="plain">
                Test this campaign
              </Button>
            ) : (
              <Text as="p" tone="subdued">
                Once it is saved, test it on a cart from here.
              </Text>
            )}
          </Box>
        </BlockStack>
      </Card>
    </section>
  );
}

// The cart the merchant builds: products with Shopify's resource picker and their quantities, the
// shopper (a guest, a customer of the store, or a profile: tags, new or returning, B2B), where the
// order goes, the codes entered and the delivery rate. UI only: the page owns the draft.
import { useCallback, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, ChoiceList, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  DELIVERY_METHODS,
  DELIVERY_METHOD_LABELS,
  MAX_CART_LINES,
  MAX_CODES,
  MAX_PRODUCT_ORDER_CODES,
  MAX_SHIPPING_CODES,
  type DraftLine,
  type FieldErrors,
  type SimulatorDraft,
} from "~/domain/simulator/cart-input";
import type { CustomerChoice } from "~/shopify/cart-data.server";

export interface CartFormProps {
  draft: SimulatorDraft;
  errors: FieldErrors;
  onChange(draft: SimulatorDraft): void;
}

/** What the resource picker hands back for a product (App Bridge: the selected variants). */
interface PickedProduct {
  id: string;
  title: string;
  variants?: { id?: string; title?: string; displayName?: string }[];
}

/** Each line's other variants, as the picker listed them (the URL keeps only the chosen one). */
type VariantChoices = Record<string, { label: string; value: string }[]>;

const countryNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

function countryName(code: string): string | undefined {
  if (!/^[A-Za-z]{2}$/.test(code) || !countryNames) return undefined;
  const name = countryNames.of(code.toUpperCase());
  return name && name !== code.toUpperCase() ? name : undefined;
}

function ProductsCard({ draft, errors, onChange }: CartFormProps) {
  const shopify = useAppBridge();
  const [choices, setChoices] = useState<VariantChoices>({});
  const setLines = (lines: DraftLine[]) => onChange({ ...draft, lines });
  const addProducts = useCallback(async () => {
    const selection = (await shopify.resourcePicker({ type: "product", multiple: true })) as PickedProduct[] | undefined;
    if (!selection) return;
    const added: DraftLine[] = [];
    const options: VariantChoices = {};
    for (const product of selection) {
      const variants = (product.variants ?? []).filter((variant): variant is { id: string; title?: string } => typeof variant.id === "string");
      const first = variants[0];
      if (!first || draft.lines.some((line) => line.variantId === first.id) || added.some((line) => line.variantId === first.id)) continue;
      const label = (variant: { title?: string }) =>
        variant.title && variant.title !== "Default Title" ? `${product.title} - ${variant.title}` : product.title;
      added.push({ variantId: first.id, quantity: "1", title: label(first) });
      if (variants.length > 1) options[first.id] = variants.map((variant) => ({ label: label(variant), value: variant.id }));
    }
    setChoices((current) => ({ ...current, ...options }));
    onChange({ ...draft, lines: [...draft.lines, ...added].slice(0, MAX_CART_LINES) });
  }, [shopify, draft, onChange]);

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Products
          </Text>
          <Button onClick={addProducts} disabled={draft.lines.length >= MAX_CART_LINES}>
            Add products
          </Button>
        </InlineStack>
        {draft.lines.length === 0 && (
          <Text as="p" tone={errors.lines ? "critical" : "subdued"}>
            {errors.lines ?? "Add the products the shopper buys."}
          </Text>
        )}
        {draft.lines.map((line, index) => {
          const update = (change: Partial<DraftLine>) => setLines(draft.lines.map((candidate, at) => (at === index ? { ...candidate, ...change } : candidate)));
          const variants = choices[line.variantId] ?? Object.values(choices).find((list) => list.some((option) => option.value === line.variantId));
          return (
            <InlineStack key={`${line.variantId}-${index}`} gap="300" blockAlign="end" wrap={false}>
              <div style={{ flex: 1 }}>
                {variants ? (
                  <Select
                    label="Product"
                    options={variants}
                    value={line.variantId}
                    onChange={(variantId) => update({ variantId, title: variants.find((option) => option.value === variantId)?.label ?? line.title })}
                    error={errors[`lines.${index}.variantId`]}
                  />
                ) : (
                  <BlockStack gap="100">
                    <Text as="span">{line.title || "Product"}</Text>
                    {errors[`lines.${index}.variantId`] && (
                      <Text as="p" tone="critical">
                        {errors[`lines.${index}.variantId`]}
                      </Text>
                    )}
                  </BlockStack>
                )}
              </div>
              <div style={{ width: 110 }}>
                <TextField
                  label="Quantity"
                  type="number"
                  min={1}
                  autoComplete="off"
                  value={line.quantity}
                  onChange={(quantity) => update({ quantity })}
                  error={errors[`lines.${index}.quantity`]}
                />
              </div>
              <Button
                variant="plain"
                tone="critical"
                onClick={() => setLines(draft.lines.filter((_, at) => at !== index))}
                accessibilityLabel={`Remove ${line.title}`}
              >
                Remove
              </Button>
            </InlineStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}

function CustomerPicker({ draft, errors, onChange }: CartFormProps) {
  const fetcher = useFetcher<{ customers: CustomerChoice[] }>();
  const [query, setQuery] = useState("");
  const search = () => fetcher.load(`/app/campaigns/simulator/customers?${new URLSearchParams({ query })}`);
  const matches = fetcher.data?.customers ?? null;
  return (
    <BlockStack gap="200">
      {draft.customerId && <Text as="p">{`Shopping as ${draft.customerName || "the chosen customer"}`}</Text>}
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        <div style={{ flex: 1 }}>
          <TextField label="Find a customer" placeholder="Name, email or tag" autoComplete="off" value={query} onChange={setQuery} error={errors.customerId} />
        </div>
        <Button onClick={search} loading={fetcher.state !== "idle"}>
          Search
        </Button>
      </InlineStack>
      {matches && matches.length === 0 && (
        <Text as="p" tone="subdued">
          No customer matches that.
        </Text>
      )}
      {matches?.map((customer) => (
        <InlineStack key={customer.id} align="space-between" blockAlign="center">
          <Text as="span">{`${customer.name}${customer.email ? ` · ${customer.email}` : ""} · ${customer.numberOfOrders === 0 ? "no orders yet" : `${customer.numberOfOrders} orders`}${customer.tags.length ? ` · ${customer.tags.join(", ")}` : ""}`}</Text>
          <Button
            size="slim"
            onClick={() =>
              onChange({
                ...draft,
                customerId: customer.id,
                customerName: [customer.name, customer.email].filter(Boolean).join(" · "),
                countryCode: customer.countryCode ?? draft.countryCode,
              })
            }
            accessibilityLabel={`Shop as ${customer.name}`}
          >
            Choose
          </Button>
        </InlineStack>
      ))}
    </BlockStack>
  );
}

function ShopperCard(props: CartFormProps) {
  const { draft, errors, onChange } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Shopper
        </Text>
        <ChoiceList
          title="Who checks out"
          choices={[
            { label: "A guest", value: "guest" },
            { label: "A customer of the store", value: "customer" },
            { label: "A customer profile", value: "profile", helpText: "Tags, new or returning: no real customer needed" },
          ]}
          selected={[draft.buyer]}
          onChange={([buyer]) => onChange({ ...draft, buyer: buyer as SimulatorDraft["buyer"] })}
        />
        {draft.buyer === "customer" && <CustomerPicker {...props} />}
        {draft.buyer === "profile" && (
          <BlockStack gap="200">
            <TextField
              label="Customer tags"
              helpText="Separate tags with commas"
              autoComplete="off"
              value={draft.tags}
              onChange={(tags) => onChange({ ...draft, tags })}
              error={errors.tags}
            />
            <Checkbox label="Has ordered before (a returning customer)" checked={draft.returning} onChange={(returning) => onChange({ ...draft, returning })} />
          </BlockStack>
        )}
        {draft.buyer !== "guest" && <Checkbox label="Buys for a company (B2B)" checked={draft.b2b} onChange={(b2b) => onChange({ ...draft, b2b })} />}
        <TextField
          label="Delivery country"
          helpText={countryName(draft.countryCode) ?? "Two letters, like US or CA"}
          autoComplete="off"
          maxLength={2}
          value={draft.countryCode}
          onChange={(countryCode) => onChange({ ...draft, countryCode: countryCode.toUpperCase() })}
          error={errors.countryCode}
        />
      </BlockStack>
    </Card>
  );
}

function CodesCard({ draft, errors, onChange }: CartFormProps) {
  const codes = draft.codes.length === 0 ? [""] : draft.codes;
  const setCodes = (next: string[]) => onChange({ ...draft, codes: next });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Discount codes
        </Text>
        <Text
          as="p"
          tone="subdued"
        >{`Up to ${MAX_PRODUCT_ORDER_CODES} product or order codes and ${MAX_SHIPPING_CODES} shipping code, as Shopify allows.`}</Text>
        {codes.map((code, index) => (
          <InlineStack key={index} gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1 }}>
              <TextField
                label={`Code ${index + 1}`}
                autoComplete="off"
                value={code}
                onChange={(value) => setCodes(codes.map((candidate, at) => (at === index ? value : candidate)))}
                error={errors[`codes.${index}`]}
              />
            </div>
            {codes.length > 1 && (
              <Button
                variant="plain"
                tone="critical"
                onClick={() => setCodes(codes.filter((_, at) => at !== index))}
                accessibilityLabel={`Remove code ${index + 1}`}
              >
                Remove
              </Button>
            )}
          </InlineStack>
        ))}
        {errors.codes && (
          <Text as="p" tone="critical">
            {errors.codes}
          </Text>
        )}
        <InlineStack>
          <Button onClick={() => setCodes([...codes, ""])} disabled={codes.length >= MAX_CODES}>
            Add a code
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function DeliveryCard({ draft, errors, onChange }: CartFormProps) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Delivery
        </Text>
        <InlineStack gap="300" wrap={false}>
          <div style={{ flex: 1 }}>
            <TextField
              label="Rate the shopper picks"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.shippingCost}
              onChange={(shippingCost) => onChange({ ...draft, shippingCost })}
              error={errors.shippingCost}
            />
          </div>
          <div style={{ flex: 1 }}>
            <Select
              label="Delivered by"
              options={DELIVERY_METHODS.map((method) => ({ label: DELIVERY_METHOD_LABELS[method], value: method }))}
              value={draft.deliveryMethod}
              onChange={(deliveryMethod) => onChange({ ...draft, deliveryMethod })}
              error={errors.deliveryMethod}
            />
          </div>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function CartForm(props: CartFormProps) {
  return (
    <BlockStack gap="400">
      <ProductsCard {...props} />
      <ShopperCard {...props} />
      <CodesCard {...props} />
      <DeliveryCard {...props} />
    </BlockStack>
  );
}

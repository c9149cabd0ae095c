import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Box, DataTable, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { PlusIcon } from "@shopify/polaris-icons";
import { useAppBridge } from "@shopify/app-bridge-react";
import { addCouponFormSchema, CODE_MAX_LENGTH, MESSAGE_MAX_LENGTH, VALIDITY_DAYS_MAX } from "~/domain/pools/rules";
import { useFormCheck } from "~/components/form-check";
import { formatLastValidDay, formatValidity } from "~/components/pools/pool-text";
import { CursorPagination, SearchForm } from "./ListControls";
import type { ActiveCouponData, PageData } from "./types";
import { DisabledReason, gate, PermissionButton, type ViewerPermissions } from "~/components/governance";

/** Active Coupons: add one code, search, and page through the codes ready to hand out. */
export function ActiveCouponsTab({
  page,
  search,
  timeZone,
  viewer,
}: {
  page: PageData<ActiveCouponData>;
  search: string;
  timeZone: string;
  viewer: ViewerPermissions;
}) {
  return (
    <Box padding="400">
      <BlockStack gap="400">
        <AddCouponForm permission={gate(viewer, "pool.manage")} />
        <SearchForm tab="active" search={search} label="Search coupons" placeholder="Code starts with…" />
        <Text as="p" tone="subdued">
          All coupons listed here are unassigned and ready to be distributed, in the order they will be handed out: the soonest Pool Expiration first, then
          codes without one.
        </Text>
        {page.items.length === 0 ? (
          <Text as="p">{search ? `No available coupon starts with “${search}”.` : "No coupons are available. Add a code or import a file."}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={["Code", "Message", "Pool Expiration", "User Expiration"]}
            rows={page.items.map((coupon) => [
              <Text as="span" fontWeight="semibold" key="code">
                {coupon.code}
              </Text>,
              coupon.message ?? "—",
              formatLastValidDay(coupon.expiresAt, timeZone),
              formatValidity(coupon.validityDays),
            ])}
          />
        )}
        <CursorPagination page={page} />
      </BlockStack>
    </Box>
  );
}

interface AddResult {
  done?: "addCoupon";
  code?: string;
  errors?: Record<string, string>;
}

const EMPTY_COUPON = { code: "", message: "", poolExpiration: "", userExpirationDays: "" };

function AddCouponForm({ permission }: { permission: { allowed: boolean; reason: string | null } }) {
  const fetcher = useFetcher<AddResult>();
  const shopify = useAppBridge();
  const [fields, setFields] = useState(EMPTY_COUPON);
  const handled = useRef<AddResult | undefined>(undefined);
  // Checked with the form's schema before posting (the action reads it with the same one; the
  // Pool Expiration date is checked against the pool's time zone when the code is added).
  const { errors = {}, check } = useFormCheck(addCouponFormSchema, fetcher.data?.errors);
  const set = (name: keyof typeof EMPTY_COUPON) => (value: string) => setFields((current) => ({ ...current, [name]: value }));

  useEffect(() => {
    if (fetcher.data?.done !== "addCoupon" || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    shopify.toast.show(`Added ${fetcher.data.code}`);
    setFields(EMPTY_COUPON);
  }, [fetcher.data, shopify]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check(fields)) fetcher.submit(fields, { method: "post", action: "?intent=addCoupon" });
  };

  return (
    <fetcher.Form method="post" action="?intent=addCoupon" onSubmit={submit}>
      <FormLayout>
        <FormLayout.Group condensed>
          <TextField
            label="Code"
            requiredIndicator
            value={fields.code}
            onChange={set("code")}
            maxLength={CODE_MAX_LENGTH}
            autoComplete="off"
            error={errors.code}
          />
          <TextField
            label="Message"
            value={fields.message}
            onChange={set("message")}
            maxLength={MESSAGE_MAX_LENGTH}
            autoComplete="off"
            helpText="Optional, e.g. shown to the customer"
            error={errors.message}
          />
          <TextField
            label="Pool Expiration"
            type="date"
            value={fields.poolExpiration}
            onChange={set("poolExpiration")}
            autoComplete="off"
            helpText="Last day it can be handed out"
            error={errors.poolExpiration}
          />
          <TextField
            label="User Expiration"
            type="number"
            min={1}
            max={VALIDITY_DAYS_MAX}
            suffix="days"
            value={fields.userExpirationDays}
            onChange={set("userExpirationDays")}
            autoComplete="off"
            helpText="Valid this long after assignment"
            error={errors.userExpirationDays}
          />
        </FormLayout.Group>
        <InlineStack align="end" gap="200" blockAlign="center">
          <DisabledReason reason={permission.reason} />
          <PermissionButton
            {...permission}
            submit
            icon={PlusIcon}
            variant="primary"
            loading={fetcher.state !== "idle"}
            accessibilityLabel="Add coupon to the pool"
          >
            Add
          </PermissionButton>
        </InlineStack>
      </FormLayout>
    </fetcher.Form>
  );
}

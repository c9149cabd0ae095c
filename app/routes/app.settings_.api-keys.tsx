// Settings → API keys: the keys other tools use to reach PromoGuard's public API (/api/v1), what
// each may do, when it was last used. Only an Owner creates or revokes keys; a new key's secret is
// shown once, in the answer to its creation, and never stored.
import { useCallback, useState } from "react";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Modal, Page, Text, TextField } from "@shopify/polaris";
import prisma from "~/db.server";
import { CreateApiKeyModal, type CreatedApiKey } from "~/components/api-keys/CreateApiKeyModal";
import { gate, gatedAction, PermissionButton } from "~/components/governance";
import { apiKeyFormSchema, createApiKey, revokeApiKeyFormSchema, listApiKeys, revokeApiKey } from "~/domain/api-keys/keys.server";
import { API_SCOPE_LABELS } from "~/domain/api-keys/scopes";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { defineActions, intent, notFound } from "~/features/intents.server";
import { shopTimeZone } from "~/domain/shops.server";
import { formatDate, formatDateTime } from "~/lib/format";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  const [keys, timeZone] = await Promise.all([listApiKeys(prisma, ctx.session.shop), shopTimeZone(prisma, ctx.session.shop)]);
  return json({
    viewer: viewerOf(ctx),
    timeZone,
    apiBase: `${(process.env.SHOPIFY_APP_URL || new URL(request.url).origin).replace(/\/$/, "")}/api/v1`,
    keys: keys.map((key) => ({
      ...key,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    })),
  });
};

/** POST intent=create, name, scopes (repeated) → the new key and its secret; intent=revoke, keyId. */
/** POST ?intent=create: name, scopes (repeated) → the new key and its secret; ?intent=revoke: keyId. */
export const action = defineActions({
  create: intent({
    permission: "apiKeys.manage",
    schema: apiKeyFormSchema,
    run: async ({ context, input }) => {
      const { key, secret } = await createApiKey(prisma, context.session.shop, input, context.staff);
      return json({ created: { id: key.id, name: key.name, secret } });
    },
  }),
  revoke: intent({
    permission: "apiKeys.manage",
    schema: revokeApiKeyFormSchema,
    run: async ({ context, input }) => {
      const revoked = await revokeApiKey(prisma, context.session.shop, input.keyId, context.staff);
      if (!revoked) return notFound("This store has no such API key.");
      return json({ revoked: { id: revoked.id, name: revoked.name } });
    },
  }),
});

type KeyRow = ReturnType<typeof useLoaderData<typeof loader>>["keys"][number];

function NewKeyBanner({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard?.writeText(created.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <Banner tone="success" title={`Copy the key “${created.name}” now`} onDismiss={onDismiss}>
      <BlockStack gap="200">
        <p>PromoGuard keeps only a fingerprint of it and cannot show it again. If it is lost, revoke it and create another.</p>
        <InlineStack gap="200" blockAlign="end" wrap={false}>
          <Box width="100%">
            <TextField label="API key" value={created.secret} readOnly autoComplete="off" monospaced selectTextOnFocus />
          </Box>
          <Button onClick={copy}>{copied ? "Copied" : "Copy"}</Button>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}

function RevokeButton({ apiKey, allowed, reason }: { apiKey: KeyRow; allowed: boolean; reason: string | null }) {
  const fetcher = useFetcher<typeof action>();
  const [confirming, setConfirming] = useState(false);
  const revoke = () => {
    fetcher.submit({ keyId: String(apiKey.id) }, { method: "post", action: "?intent=revoke" });
    setConfirming(false);
  };
  return (
    <>
      <PermissionButton
        allowed={allowed}
        reason={reason}
        tone="critical"
        variant="plain"
        loading={fetcher.state !== "idle"}
        onClick={() => setConfirming(true)}
      >
        Revoke
      </PermissionButton>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Revoke “${apiKey.name}”?`}
        primaryAction={{ content: "Revoke key", destructive: true, onAction: revoke }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">Every tool using this key is refused from its next request on. This cannot be undone.</Text>
        </Modal.Section>
      </Modal>
    </>
  );
}

export default function ApiKeys() {
  const { keys, viewer, apiBase, timeZone } = useLoaderData<typeof loader>();
  const manage = gate(viewer, "apiKeys.manage");
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const onCreated = useCallback((key: CreatedApiKey) => {
    setCreated(key);
    setCreating(false);
  }, []);

  return (
    <Page
      title="API keys"
      subtitle="Let other tools, such as an email tool's flows, assign codes and read PromoGuard's figures."
      backAction={{ content: "Settings", url: "/app/settings" }}
      primaryAction={gatedAction({ content: "Create API key", onAction: () => setCreating(true) }, manage.allowed, manage.reason)}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!manage.allowed && (
              <Banner tone="info" title="API keys are managed by the store's Owner">
                <p>{manage.reason}</p>
              </Banner>
            )}
            {created && <NewKeyBanner created={created} onDismiss={() => setCreated(null)} />}
            <Card padding="0">
              {keys.length === 0 ? (
                <EmptyState heading="No API keys yet" image="">
                  <p>Create a key for each tool that should reach PromoGuard, with only what that tool needs.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "API key", plural: "API keys" }}
                  itemCount={keys.length}
                  selectable={false}
                  headings={[{ title: "Name" }, { title: "May" }, { title: "Created" }, { title: "Last used" }, { title: "Status" }]}
                >
                  {keys.map((key, index) => (
                    <IndexTable.Row id={String(key.id)} key={key.id} position={index}>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <Text as="span" fontWeight="semibold">
                            {key.name}
                          </Text>
                          <Text as="span" variant="bodySm" tone="subdued">{`${key.prefix}…`}</Text>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <InlineStack gap="100">
                          {key.scopes.map((scope) => (
                            <Badge key={scope}>{API_SCOPE_LABELS[scope]}</Badge>
                          ))}
                        </InlineStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {formatDate(key.createdAt, timeZone)}
                        {key.createdByName ? ` by ${key.createdByName}` : ""}
                      </IndexTable.Cell>
                      <IndexTable.Cell>{formatDateTime(key.lastUsedAt, timeZone, "Never")}</IndexTable.Cell>
                      <IndexTable.Cell>
                        {key.revokedAt ? (
                          <Badge tone="critical">{`Revoked ${formatDate(key.revokedAt, timeZone)}`}</Badge>
                        ) : (
                          <InlineStack gap="200" blockAlign="center">
                            <Badge tone="success">Active</Badge>
                            <RevokeButton apiKey={key} allowed={manage.allowed} reason={manage.reason} />
                          </InlineStack>
                        )}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Using the API
              </Text>
              <Text as="p">Send requests to:</Text>
              <TextField label="API address" labelHidden value={apiBase} readOnly autoComplete="off" monospaced selectTextOnFocus />
              <Text as="p">
                with the header <code>Authorization: Bearer</code> followed by the key. Every endpoint is described in{" "}
                <a href={`${apiBase}/openapi.json`} target="_blank" rel="noreferrer">
                  the API's reference (OpenAPI)
                </a>
                .
              </Text>
              <Text as="p" tone="subdued">
                Each code a key assigns is in the pool's Assigned History and the audit log, under the key's name.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      <CreateApiKeyModal open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
    </Page>
  );
}

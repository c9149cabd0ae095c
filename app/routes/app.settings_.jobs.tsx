import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { gate, PermissionButton } from "~/components/governance";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { defineActions, intent, notFound } from "~/features/intents.server";
import { jobName, retryDeadJobBy, retryJobFormSchema } from "~/domain/dead-jobs.server";
import { listDeadJobs } from "~/jobs/dead-jobs.server";
import { shopTimeZone } from "~/domain/shops.server";
import { formatDateTime } from "~/lib/format";

// Background work that failed every attempt: what it was, why it last failed, and a Retry that
// gives it a fresh set of attempts. Only the signed-in shop's jobs are listed or retried, and
// only by a role with jobs.manage; every retry is in the audit trail.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const ctx = await authenticateStaff(request);
  const [jobs, timeZone] = await Promise.all([listDeadJobs(prisma, ctx.session.shop), shopTimeZone(prisma, ctx.session.shop)]);
  return json({
    viewer: viewerOf(ctx),
    timeZone,
    jobs: jobs.map((job) => ({ ...job, name: jobName(job.type), failedAt: job.failedAt?.toISOString() ?? null })),
  });
};

export const action = defineActions({
  retry: intent({
    permission: "jobs.manage",
    schema: retryJobFormSchema,
    run: async ({ context, input }) => {
      if (!(await retryDeadJobBy(prisma, context.session.shop, input.jobId, context.staff)))
        return notFound("This job does not exist or is not dead any more.");
      return json({ retried: input.jobId });
    },
  }),
});

function RetryButton({ jobId, allowed, reason }: { jobId: number; allowed: boolean; reason: string | null }) {
  const fetcher = useFetcher<typeof action>();
  const retried = fetcher.data !== undefined && "retried" in fetcher.data && fetcher.data.retried === jobId;
  const busy = fetcher.state !== "idle";
  return (
    <PermissionButton
      allowed={allowed}
      reason={reason}
      loading={busy}
      disabled={retried}
      onClick={() => fetcher.submit({ jobId: String(jobId) }, { method: "post" })}
    >
      {retried ? "Queued" : "Retry"}
    </PermissionButton>
  );
}

export default function DeadJobs() {
  const { jobs, viewer, timeZone } = useLoaderData<typeof loader>();
  const manage = gate(viewer, "jobs.manage");
  return (
    <Page
      title="Background jobs"
      backAction={{ content: "Settings", url: "/app/settings" }}
      subtitle="Work that failed all its attempts. Retry it once the cause is fixed."
    >
      <Card padding="0">
        {jobs.length === 0 ? (
          <EmptyState heading="No failed jobs" image="">
            <p>Every background job finished or is still being retried.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "failed job", plural: "failed jobs" }}
            itemCount={jobs.length}
            selectable={false}
            headings={[{ title: "Job" }, { title: "Last error" }, { title: "Attempts" }, { title: "Failed at" }, { title: "" }]}
          >
            {jobs.map((job, index) => (
              <IndexTable.Row id={String(job.id)} key={job.id} position={index}>
                <IndexTable.Cell>
                  <BlockStack>
                    <Text as="span" fontWeight="semibold">
                      {job.name}
                    </Text>
                    <Text as="span" tone="subdued">
                      #{job.id}
                    </Text>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{job.lastError ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>{job.attempts}</IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(job.failedAt, timeZone)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <RetryButton jobId={job.id} {...manage} />
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}

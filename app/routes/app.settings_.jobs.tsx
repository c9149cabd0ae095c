import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import prisma from "~/db.server";
import { listDeadJobs, retryDeadJob } from "~/jobs/dead-jobs.server";
import { authenticate } from "~/shopify.server";

// Background work that failed every attempt: what it was, why it last failed, and a Retry that
// gives it a fresh set of attempts. Only the signed-in shop's jobs are listed or retried.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const jobs = await listDeadJobs(prisma, session.shop);
  return json({ jobs: jobs.map((job) => ({ ...job, failedAt: job.failedAt?.toISOString() ?? null })) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const jobId = Number(form.get("jobId"));
  if (!(await retryDeadJob(prisma, session.shop, jobId))) {
    throw new Response("This job does not exist or is not dead any more.", { status: 404 });
  }
  return json({ retried: jobId });
};

const JOB_NAMES: Record<string, string> = { "code-sync": "Sync a campaign's codes to Shopify" };

function RetryButton({ jobId }: { jobId: number }) {
  const fetcher = useFetcher<typeof action>();
  const busy = fetcher.state !== "idle";
  return (
    <Button
      loading={busy}
      disabled={fetcher.data?.retried === jobId}
      onClick={() => fetcher.submit({ jobId: String(jobId) }, { method: "post" })}
    >
      {fetcher.data?.retried === jobId ? "Queued" : "Retry"}
    </Button>
  );
}

export default function DeadJobs() {
  const { jobs } = useLoaderData<typeof loader>();
  return (
    <Page title="Background jobs" subtitle="Work that failed all its attempts. Retry it once the cause is fixed.">
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
                    <Text as="span" fontWeight="semibold">{JOB_NAMES[job.type] ?? job.type}</Text>
                    <Text as="span" tone="subdued">#{job.id}</Text>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{job.lastError ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>{job.attempts}</IndexTable.Cell>
                <IndexTable.Cell>{job.failedAt ? new Date(job.failedAt).toLocaleString() : "—"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <RetryButton jobId={job.id} />
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}

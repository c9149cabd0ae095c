import { Card, EmptyState, Layout, Page } from "@shopify/polaris";

export interface SectionCopy {
  title: string;
  heading: string;
  body: string;
  action?: { content: string; url: string };
}

/** The first screen of a section that has nothing to show yet. */
export function SectionEmptyState({ copy }: { copy: SectionCopy }) {
  return (
    <Page title={copy.title}>
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyState heading={copy.heading} action={copy.action} image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png">
              <p>{copy.body}</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

// What a merchant sees when a page can't be shown (a campaign that no longer exists, a link from
// another store, a failure on our side): a Polaris page inside the app frame, in plain words, with
// a way back to the section it belongs to.
import { Button, Card, BlockStack, Page, Text } from "@shopify/polaris";
import { APP_NAV } from "./navigation";

/** The section a path belongs to: /app/campaigns/12 → Campaigns; anything else → Dashboard. */
export function sectionOf(pathname: string): { url: string; label: string } {
  const sections = APP_NAV.filter((item) => item.url !== "/app");
  return sections.find((item) => pathname === item.url || pathname.startsWith(`${item.url}/`)) ?? APP_NAV[0];
}

export interface AppErrorPageProps {
  /** "Campaign not found", "Something went wrong". */
  title: string;
  message: string;
  pathname: string;
}

export function AppErrorPage({ title, message, pathname }: AppErrorPageProps) {
  const section = sectionOf(pathname);
  return (
    <Page title={title} backAction={{ content: section.label, url: section.url }}>
      <Card>
        <BlockStack gap="300" inlineAlign="start">
          <Text as="p" breakWord>
            {message}
          </Text>
          <Button variant="primary" url={section.url}>
            {section.url === "/app" ? "Go to the dashboard" : `Back to ${section.label}`}
          </Button>
        </BlockStack>
      </Card>
    </Page>
  );
}

import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "~/shopify.server";
import prisma from "~/db.server";
import { appNav } from "~/components/navigation";
import { pendingRequestCount } from "~/domain/governance/notifications.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // APP_BRIDGE_URL is set only by the offline demo, which serves a local App Bridge stand-in.
  return {
    apiKey: process.env.SHOPIFY_API_KEY || "",
    appBridgeUrl: process.env.APP_BRIDGE_URL,
    nav: appNav({ pendingApprovals: await pendingRequestCount(prisma, session.shop) }),
  };
};

export default function AppLayout() {
  const { apiKey, appBridgeUrl, nav } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        {nav.map((item) => (
          <Link key={item.url} to={item.url} rel={item.url === "/app" ? "home" : undefined}>
            {item.label}
          </Link>
        ))}
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser. A refusal
// PromoGuard explains (an Owner removed this person's access to the store, a role that may not)
// shows its reason as the page.
export function ErrorBoundary() {
  const error = useRouteError();
  const reason = isRouteErrorResponse(error) && error.status === 403 ? (error.data as { error?: unknown } | null)?.error : null;
  if (typeof reason === "string") {
    return (
      <div role="alert" style={{ font: "15px/1.5 system-ui, sans-serif", padding: "32px", maxWidth: "640px" }}>
        <h1 style={{ fontSize: "20px" }}>PromoGuard</h1>
        <p>{reason}</p>
      </div>
    );
  }
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

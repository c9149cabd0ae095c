import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, isRouteErrorResponse, useLoaderData, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import appStyles from "~/styles/app.css?url";
import { authenticate } from "~/shopify.server";
import prisma from "~/db.server";
import { appNav } from "~/components/navigation";
import { AppErrorPage } from "~/components/AppErrorPage";
import { pendingRequestCount } from "~/domain/governance/notifications.server";

export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: appStyles },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // APP_BRIDGE_URL is set only by the offline demo, which serves a local App Bridge stand-in.
  return {
    apiKey: process.env.SHOPIFY_API_KEY || "",
    appBridgeUrl: process.env.APP_BRIDGE_URL,
    nav: appNav({ pendingApprovals: await pendingRequestCount(prisma, session.shop) }),
  };
};

interface AppData {
  apiKey: string;
  appBridgeUrl?: string;
  nav: { url: string; label: string }[];
}

/** App Bridge, Polaris and the app's nav around a page. */
function AppFrame({ data, children }: { data: AppData; children: React.ReactNode }) {
  const { apiKey, appBridgeUrl, nav } = data;
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        {nav.map((item) => (
          <Link key={item.url} to={item.url} rel={item.url === "/app" ? "home" : undefined}>
            {item.label}
          </Link>
        ))}
      </NavMenu>
      {children}
    </AppProvider>
  );
}

export default function AppLayout() {
  return (
    <AppFrame data={useLoaderData<typeof loader>()}>
      <Outlet />
    </AppFrame>
  );
}

/** A thrown response's words: a plain-text body, or the { error } a loader threw as JSON. */
function responseText(data: unknown): string | null {
  if (typeof data === "string" && data.trim() !== "" && !data.trim().startsWith("<")) return data.trim();
  // { error } as loaders threw it, or the one refusal shape's { errors: { general } }.
  const body = data as { error?: unknown; errors?: { general?: unknown } } | null;
  const error = body?.error ?? body?.errors?.general;
  return typeof error === "string" ? error : null;
}

/** The page for what a merchant can be told: not found, a refusal, a failure on our side. */
function errorPage(error: unknown): { title: string; message: string } | null {
  if (isRouteErrorResponse(error)) {
    const text = responseText(error.data);
    if (error.status === 404)
      return { title: text ?? "Page not found", message: "It may have been deleted, or the link is from another store or an old bookmark." };
    if (error.status === 400 || error.status === 409 || error.status === 422)
      return { title: "This page can't be shown", message: text ?? "The link asks for something PromoGuard can't show. Go back and try again." };
    if (error.status >= 500)
      return { title: "Something went wrong", message: "PromoGuard couldn't load this page. Try again in a moment; if it keeps happening, contact support." };
    return null;
  }
  if (error instanceof Error)
    return { title: "Something went wrong", message: "PromoGuard couldn't show this page. Reload to try again; if it keeps happening, contact support." };
  return null;
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser. A refusal
// PromoGuard explains (an Owner removed this person's access to the store, a role that may not)
// shows its reason as the page.
export function ErrorBoundary() {
  const error = useRouteError();
  const reason = isRouteErrorResponse(error) && error.status === 403 ? (error.data as { error?: unknown } | null)?.error : null;
  const data = useRouteLoaderData<typeof loader>("routes/app");
  const { pathname } = useLocation();
  const page = errorPage(error);
  if (page && data) {
    return (
      <AppFrame data={data}>
        <AppErrorPage {...page} pathname={pathname} />
      </AppFrame>
    );
  }
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

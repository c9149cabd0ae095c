import { useState } from "react";
import { Form, useNavigate, useSearchParams } from "@remix-run/react";
import { Button, Icon, InlineStack, Pagination, TextField } from "@shopify/polaris";
import { SearchIcon } from "@shopify/polaris-icons";
import type { PageData } from "./types";

/** A search box that reloads the current tab with ?q=…, from its first page. */
export function SearchForm({ tab, search, label, placeholder }: { tab: string; search: string; label: string; placeholder: string }) {
  const [value, setValue] = useState(search);
  return (
    <Form method="get">
      <input type="hidden" name="tab" value={tab} />
      <TextField
        label={label}
        labelHidden
        name="q"
        value={value}
        onChange={setValue}
        placeholder={placeholder}
        prefix={<Icon source={SearchIcon} />}
        autoComplete="off"
        clearButton
        onClearButtonClick={() => setValue("")}
        connectedRight={<Button submit>{label}</Button>}
      />
    </Form>
  );
}

/** Previous / Next through keyset cursors, keeping the tab and the search. */
export function CursorPagination({ page }: { page: PageData<unknown> }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (cursor: "after" | "before", value: string) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    next.set(cursor, value);
    navigate(`?${next}`);
  };
  if (!page.nextCursor && !page.previousCursor) return null;
  return (
    <InlineStack align="center">
      <Pagination
        hasPrevious={page.previousCursor !== null}
        onPrevious={() => go("before", page.previousCursor!)}
        hasNext={page.nextCursor !== null}
        onNext={() => go("after", page.nextCursor!)}
      />
    </InlineStack>
  );
}

import { useState } from "react";
import { BlockStack, Box, Button, Link, Popover, Text } from "@shopify/polaris";

/** "What is a holdout?" in plain words, with where to set one up. */
export function HoldoutHelp() {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      activator={
        <Button variant="plain" onClick={() => setOpen((current) => !current)}>
          How holdouts measure profit
        </Button>
      }
    >
      <Box padding="400" maxWidth="360px">
        <BlockStack gap="200">
          <Text as="p">
            A holdout keeps a small share of a pool campaign&apos;s recipients (for example 10%) from getting a code. Comparing what they buy with what the
            recipients who got a code buy shows the profit the campaign really added: orders that would have happened anyway do not count.
          </Text>
          <Text as="p">Set a holdout share on a campaign that hands out codes from a pool; its incremental profit appears here once orders come in.</Text>
          <Link url="/app/campaigns">Go to campaigns</Link>
        </BlockStack>
      </Box>
    </Popover>
  );
}

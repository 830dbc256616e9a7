// Admin: how dispatch runs without a dispatcher — the ordered dispatch rules, the order pool's
// rules and its fallback time.
import { Flex } from "antd";
import DispatchRulesEditor from "./dispatch/DispatchRulesEditor";
import PoolRulesEditor from "./dispatch/PoolRulesEditor";

export default function DispatchAdminPage() {
  return (
    <Flex vertical gap={16} style={{ overflow: "auto" }}>
      <DispatchRulesEditor />
      <PoolRulesEditor />
    </Flex>
  );
}

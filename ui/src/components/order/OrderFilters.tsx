// The filter bar of the order list. Values are the core's keys; labels are translated.
import { Button, Flex, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useDirectory } from "../../lib/directory";
import { NO_FILTERS, PRIORITIES, SORTS, STATUSES, type FilterValues } from "../../lib/keys";


export default function OrderFilters({ value, onChange }: { value: FilterValues; onChange: (v: FilterValues) => void }) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const set = (patch: Partial<FilterValues>) => onChange({ ...value, ...patch });
  const filtered =
    value.status.length + value.priority.length > 0 || value.assignee_id !== null || value.department_id !== null;

  return (
    <Flex gap={8} wrap="wrap" align="center">
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ minWidth: 180 }}
        placeholder={t("orders.filterStatus")}
        aria-label={t("orders.filterStatus")}
        data-testid="filter-status"
        value={value.status}
        onChange={(status) => set({ status })}
        options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ minWidth: 160 }}
        placeholder={t("orders.filterPriority")}
        aria-label={t("orders.filterPriority")}
        data-testid="filter-priority"
        value={value.priority}
        onChange={(priority) => set({ priority })}
        options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 160 }}
        placeholder={t("orders.filterAssignee")}
        aria-label={t("orders.filterAssignee")}
        data-testid="filter-assignee"
        value={value.assignee_id}
        onChange={(assignee_id) => set({ assignee_id: assignee_id ?? null })}
        options={[
          { value: "none", label: t("orders.unassigned") },
          ...directory.users.map((u) => ({ value: u.id, label: u.display_name })),
        ]}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 160 }}
        placeholder={t("orders.filterDepartment")}
        aria-label={t("orders.filterDepartment")}
        data-testid="filter-department"
        value={value.department_id}
        onChange={(department_id) => set({ department_id: department_id ?? null })}
        options={directory.departments.map((d) => ({ value: d.id, label: d.name }))}
      />
      <Select
        style={{ minWidth: 170 }}
        aria-label={t("orders.sortLabel")}
        data-testid="order-sort"
        value={value.sort}
        onChange={(sort) => set({ sort })}
        options={SORTS.map((s) => ({ value: s, label: t(`orders.sort.${s}`) }))}
      />
      {filtered && (
        <Button type="link" onClick={() => onChange({ ...NO_FILTERS, sort: value.sort })}>
          {t("orders.clearFilters")}
        </Button>
      )}
    </Flex>
  );
}

// Dispatch: the unassigned orders, the technicians' calendar and what the core suggests. Every
// booking, move, plan and publication goes to the core; a refusal is shown translated and the
// board is read again, so nothing moves that the core did not accept.
import { CarOutlined, ReloadOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { Alert, App, Badge, Button, Card, Flex, Segmented, Select, Space, Spin, Typography } from "antd";
import { Channel } from "@tauri-apps/api/core";
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type AutoMode, type BatchOutcome, type BatchPlan, type DayPlan, type DispatchInfo, type Suggestion, type WorkOrder } from "../api";
import BatchPanel from "../components/dispatch/BatchPanel";
import { batchGhostItems, boardItems, boardRows, dayOf, dayPlanItems, GHOST } from "../components/dispatch/boardModel";
import DayPlanPanel from "../components/dispatch/DayPlanPanel";
import type { Scale } from "../components/dispatch/boardTypes";
import OrderNeedsPanel from "../components/dispatch/OrderNeedsPanel";
import SuggestPanel from "../components/dispatch/SuggestPanel";
import UnassignedList from "../components/dispatch/UnassignedList";
import { useDispatchData } from "../components/dispatch/useDispatchData";
import OrderDetail from "../components/order/OrderDetail";
import { messageOf } from "../i18n/errors";
import { useFormat } from "../i18n/format";
import { useDirectory } from "../lib/directory";

// vis-timeline is large; it loads with the page rather than with the app.
const DispatchBoard = lazy(() => import("../components/dispatch/DispatchBoard"));
// Rows of the best candidates are highlighted on the board.
const HIGHLIGHTED = 3;
// The core's automatic assignment modes, in the order they are offered.
const AUTO_MODES: AutoMode[] = ["smart", "least_loaded", "round_robin"];
// Search budget of "Optimise day", seconds.
const DAY_SECONDS = 2;

export default function DispatchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { lng } = useFormat();
  const { directory } = useDirectory();
  const data = useDispatchData();
  const { reload } = data;
  const [scale, setScale] = useState<Scale>("day");
  const [anchor, setAnchor] = useState(() => Date.now());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [info, setInfo] = useState<DispatchInfo | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [plan, setPlan] = useState<BatchPlan | null>(null);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const [planEdited, setPlanEdited] = useState(false);
  const [busy, setBusy] = useState<"suggest" | "publish" | "optimise" | "apply" | "day" | "acceptDay" | AutoMode | null>(null);
  const [dayTechs, setDayTechs] = useState<string[]>([]);
  const [dayPlan, setDayPlan] = useState<DayPlan | null>(null);
  const [dayAccepted, setDayAccepted] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [openOrder, setOpenOrder] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const daySearch = useRef(0);

  const selected = data.unassigned.find((o) => o.id === selectedId) ?? null;
  const names = useMemo(() => new Map(data.technicians.map((c) => [c.user.id, c.user.display_name])), [data.technicians]);
  const skills = useMemo(
    () => [...new Set(data.technicians.flatMap((c) => c.user.skills.map((s) => s.skill)))].sort(),
    [data.technicians],
  );
  const candidates = useMemo(
    () =>
      new Set(
        suggestion && suggestion.order_id === selectedId
          ? suggestion.candidates.slice(0, HIGHLIGHTED).map((c) => c.user_id)
          : [],
      ),
    [suggestion, selectedId],
  );
  const rows = useMemo(
    () => boardRows(data.technicians, directory.departments, t, lng, candidates),
    [data.technicians, directory.departments, t, lng, candidates],
  );
  const items = useMemo(() => {
    const booked = boardItems(data.bookings);
    if (dayPlan && dayAccepted === null) {
      const leg = (km: string, minutes: string) => t("routeDay.leg", { km, minutes });
      return [...booked, ...dayPlanItems(dayPlan, { leg }, lng)];
    }
    if (plan && outcome === null) {
      return [...booked, ...batchGhostItems(plan, data.bookings, anchor, t("routeDay.batchGhost"))];
    }
    return booked;
  }, [data.bookings, dayPlan, dayAccepted, plan, outcome, anchor, t, lng]);
  const words = useMemo(
    () => ({ current: t("dispatch.board.current"), time: t("dispatch.board.time"), deleteSelected: t("dispatch.board.delete") }),
    [t],
  );

  function select(order: WorkOrder) {
    if (order.id === selectedId) return;
    current.current = order.id;
    setSelectedId(order.id);
    setInfo(null);
    setSuggestion(null);
    api.orderDispatchInfo(order.id).then(
      (answer) => current.current === order.id && setInfo(answer),
      (e: unknown) => setRefusal(messageOf(t, e)),
    );
  }

  /** Books `order` on a technician through the core; true when the core accepted. */
  const schedule = useCallback(
    async (order: WorkOrder, technicianId: string, start: number, end: number): Promise<boolean> => {
      try {
        await api.dispatchSchedule({ order_id: order.id, technician_id: technicianId, start, end, version: order.version });
        setRefusal(null);
        void message.success(t("dispatch.scheduled", { number: order.number, name: names.get(technicianId) ?? "" }));
        void reload();
        return true;
      } catch (e) {
        setRefusal(messageOf(t, e));
        return false;
      }
    },
    [reload, message, names, t],
  );

  const dropOrder = useCallback(
    async (orderId: string, technicianId: string, time: number) => {
      const order = data.unassigned.find((o) => o.id === orderId);
      if (!order) return;
      try {
        const needs = await api.orderDispatchInfo(orderId);
        await schedule(order, technicianId, time, time + needs.duration_minutes * 60_000);
      } catch (e) {
        setRefusal(messageOf(t, e));
      }
    },
    [data.unassigned, schedule, t],
  );

  const moveItem = useCallback(
    async (itemId: string, technicianId: string, start: number, end: number) => {
      const booking = data.bookings.find((b) => b.order.id === itemId);
      return booking ? schedule(booking.order, technicianId, start, end) : false;
    },
    [data.bookings, schedule],
  );

  async function run<T>(what: NonNullable<typeof busy>, work: () => Promise<T>): Promise<T | undefined> {
    setBusy(what);
    try {
      const answer = await work();
      setRefusal(null);
      return answer;
    } catch (e) {
      setRefusal(messageOf(t, e));
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  async function suggest() {
    if (!selected) return;
    const answer = await run("suggest", () => api.dispatchSuggest(selected.id));
    if (answer) setSuggestion(answer);
  }

  async function publish() {
    if (!selected) return;
    const answer = await run("publish", () => api.poolPublish(selected.id));
    if (answer) {
      setInfo(answer);
      void message.success(t("dispatch.published", { number: selected.number }));
    }
  }

  async function assignAuto(mode: AutoMode) {
    if (!selected) return;
    const answer = await run(mode, () => api.dispatchAuto(selected.id, mode));
    if (answer) {
      const who = answer.assignee_id;
      const name = who ? (names.get(who) ?? directory.users.find((u) => u.id === who)?.display_name ?? who) : "";
      void message.success(t("dispatch.auto.assigned", { number: answer.number, name }));
      void reload();
    }
  }

  async function optimise() {
    const ids = checked.size > 0 ? [...checked] : data.unassigned.map((o) => o.id);
    if (ids.length === 0) return;
    const answer = await run("optimise", () => api.dispatchBatch(ids, 1));
    if (answer) {
      setPlan(answer);
      setPlanEdited(false);
      setOutcome(null);
      setDayPlan(null);
    }
  }

  /** Technicians whose day is planned: those chosen, else everyone booked on the day shown. */
  function dayTechnicians(): string[] {
    if (dayTechs.length > 0) return dayTechs;
    const day = dayOf(anchor);
    return [
      ...new Set(
        data.bookings
          .filter((b) => b.info.scheduled_start !== null && dayOf(b.info.scheduled_start) === day)
          .map((b) => b.order.assignee_id)
          .filter((id): id is string => id !== null),
      ),
    ];
  }

  async function optimiseDay() {
    const request = { date: dayOf(anchor), technician_ids: dayTechnicians(), seconds: DAY_SECONDS, seed: 1 };
    // Better plans arrive while the search runs; the board shows each one as it comes.
    // A message arriving after the answer (they travel separately) must not replace it.
    const search = ++daySearch.current;
    const progress = new Channel<DayPlan>();
    progress.onmessage = (better) => {
      if (daySearch.current === search) setDayPlan(better);
    };
    setDayAccepted(null);
    const answer = await run("day", () => api.optimiseDay(request, progress));
    daySearch.current += 1;
    if (answer) {
      setDayPlan(answer);
      setDayAccepted(null);
      setPlan(null);
    }
  }

  async function acceptDay() {
    if (!dayPlan) return;
    const answer = await run("acceptDay", () => api.acceptDayPlan(dayPlan));
    if (answer) {
      setDayAccepted(answer.length);
      void data.reload();
    }
  }

  async function accept() {
    if (!plan) return;
    const answer = await run("apply", () => api.dispatchApply(plan.proposals));
    if (answer) {
      setOutcome(answer);
      setChecked(new Set());
      void data.reload();
    }
  }

  function check(id: string, on: boolean) {
    setChecked((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0 }} data-testid="dispatch-page">
      <Flex gap={12} align="center" wrap="wrap">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("dispatch.title")}
        </Typography.Title>
        <Segmented<Scale>
          value={scale}
          onChange={setScale}
          options={[
            { value: "day", label: <span data-testid="dispatch-scale-day">{t("dispatch.scale.day")}</span> },
            { value: "week", label: <span data-testid="dispatch-scale-week">{t("dispatch.scale.week")}</span> },
          ]}
        />
        <Button onClick={() => setAnchor(Date.now())} data-testid="dispatch-today">
          {t("dispatch.today")}
        </Button>
        <Button
          icon={<ThunderboltOutlined />}
          onClick={() => void optimise()}
          loading={busy === "optimise"}
          disabled={data.unassigned.length === 0}
          data-testid="dispatch-optimise"
        >
          {checked.size > 0 ? t("dispatch.optimiseSelection", { n: checked.size }) : t("dispatch.optimiseAll")}
        </Button>
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ minWidth: 180, maxWidth: 280 }}
          placeholder={t("routeDay.technicians")}
          value={dayTechs}
          onChange={setDayTechs}
          options={data.technicians.map((c) => ({ value: c.user.id, label: c.user.display_name }))}
          data-testid="dispatch-day-techs"
        />
        <Button
          icon={<CarOutlined />}
          onClick={() => void optimiseDay()}
          loading={busy === "day"}
          data-testid="dispatch-optimise-day"
        >
          {t("routeDay.optimise")}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void data.reload()} loading={data.loading} data-testid="dispatch-reload">
          {t("common.reload")}
        </Button>
      </Flex>
      {data.error !== null && <Alert type="error" showIcon message={messageOf(t, data.error)} />}
      {refusal !== null && (
        <Alert type="error" showIcon closable onClose={() => setRefusal(null)} message={refusal} data-testid="dispatch-refusal" />
      )}
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <Card
          size="small"
          title={
            <Flex gap={8} align="center">
              {t("dispatch.unassigned.title")}
              <Badge count={data.unassigned.length} showZero color="gray" />
            </Flex>
          }
          style={{ width: 260, flexShrink: 0, display: "flex", flexDirection: "column" }}
          styles={{ body: { overflow: "auto", flex: 1, padding: 4 } }}
        >
          <UnassignedList orders={data.unassigned} selectedId={selectedId} checked={checked} onSelect={select} onCheck={check} />
        </Card>
        <div style={{ flex: 1, minWidth: 0, overflow: "hidden" }}>
          <Suspense fallback={<Spin />}>
            <DispatchBoard
              rows={rows}
              items={items}
              scale={scale}
              anchor={anchor}
              language={lng}
              words={words}
              onDropOrder={(id, tech, time) => void dropOrder(id, tech, time)}
              onMoveItem={moveItem}
              onOpenItem={(id) => setOpenOrder(id.startsWith(GHOST) ? id.slice(GHOST.length) : id)}
            />
          </Suspense>
        </div>
        {/* The side column takes room from the board only when it has something to show (1280 px screens). */}
        <Flex vertical gap={12} style={{ width: selected || plan || dayPlan ? 320 : 200, flexShrink: 0, overflow: "auto" }}>
          {dayPlan && (
            <DayPlanPanel
              plan={dayPlan}
              accepting={busy === "acceptDay"}
              searching={busy === "day"}
              accepted={dayAccepted}
              onAccept={() => void acceptDay()}
              onDiscard={() => {
                setDayPlan(null);
                setDayAccepted(null);
              }}
            />
          )}
          {plan && (
            <BatchPanel
              plan={plan}
              names={(id) => names.get(id) ?? id}
              technicians={data.technicians.map((c) => ({ id: c.user.id, name: c.user.display_name }))}
              edited={planEdited}
              onEdit={(proposals) => {
                setPlan({ ...plan, proposals });
                setPlanEdited(true);
              }}
              outcome={outcome}
              applying={busy === "apply"}
              onAccept={() => void accept()}
              onClose={() => setPlan(null)}
            />
          )}
          {selected ? (
            <OrderNeedsPanel
              order={selected}
              info={info}
              skills={skills}
              busy={busy === "suggest" || busy === "publish" ? busy : null}
              onSaved={(saved) => {
                setInfo(saved);
                void message.success(t("dispatch.needs.saved"));
              }}
              onSuggest={() => void suggest()}
              onPublish={() => void publish()}
              onOpen={() => setOpenOrder(selected.id)}
              onRefused={setRefusal}
            />
          ) : (
            <Typography.Text type="secondary">{t("dispatch.chooseOrder")}</Typography.Text>
          )}
          {selected && (
            <Card size="small" title={t("dispatch.auto.title")} data-testid="dispatch-auto">
              <Space.Compact>
                {AUTO_MODES.map((mode) => (
                  <Button
                    key={mode}
                    onClick={() => void assignAuto(mode)}
                    loading={busy === mode}
                    disabled={busy !== null && busy !== mode}
                    data-testid={`dispatch-auto-${mode}`}
                  >
                    {t(`dispatch.auto.${mode}`)}
                  </Button>
                ))}
              </Space.Compact>
            </Card>
          )}
          {selected && suggestion && suggestion.order_id === selected.id && (
            <SuggestPanel
              suggestion={suggestion}
              number={selected.number}
              skill={info?.required_skill ?? null}
              onClose={() => setSuggestion(null)}
            />
          )}
        </Flex>
      </Flex>
      <OrderDetail
        idOrNumber={openOrder}
        onClose={() => setOpenOrder(null)}
        onChanged={() => void data.reload()}
        onOpenOrder={setOpenOrder}
      />
    </Flex>
  );
}

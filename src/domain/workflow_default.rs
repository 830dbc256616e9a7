//! The default workflow (issue #4): unassigned (待分配) -> to-do (待办) -> in progress (处理中)
//! -> pending transfer (待转) -> transferred (已转) -> done (已办) -> closed, with awaiting
//! customer (待客户反馈), suspended and cancelled. Its moves are those of
//! [`crate::domain::status::Status::next`]; here each one is a named action with the parties
//! who may take it.

use crate::domain::status::Status;
use crate::domain::workflow::{Names, Party, StatusDef, TransitionDef, WorkflowDef};
use Party::*;

fn status_names(status: Status) -> Names {
    match status {
        Status::Unassigned => Names::new("Unassigned", "待分配", "Sin asignar"),
        Status::Todo => Names::new("To do", "待办", "Pendiente"),
        Status::InProgress => Names::new("In progress", "处理中", "En curso"),
        Status::PendingTransfer => Names::new("Pending transfer", "待转", "Traslado pendiente"),
        Status::Transferred => Names::new("Transferred", "已转", "Trasladada"),
        Status::AwaitingCustomer => Names::new("Awaiting customer", "待客户反馈", "Esperando al cliente"),
        Status::Done => Names::new("Done", "已办", "Resuelta"),
        Status::Closed => Names::new("Closed", "已关闭", "Cerrada"),
        Status::Suspended => Names::new("Suspended", "已挂起", "Suspendida"),
        Status::Cancelled => Names::new("Cancelled", "已取消", "Cancelada"),
    }
}

/// One row of the default's action table.
struct Row {
    action: &'static str,
    names: (&'static str, &'static str, &'static str),
    from: &'static [Status],
    to: Status,
    parties: &'static [Party],
    review: bool,
    comment: bool,
}

const QUEUE: &[Party] = &[Admin, Supervisor, Dispatcher];
const WORKERS: &[Party] = &[Admin, Supervisor, Assignee];
const OPEN: &[Status] = &[Status::Todo, Status::InProgress];

const ROWS: &[Row] = &[
    Row {
        action: "assign",
        names: ("Assign", "分配", "Asignar"),
        from: &[Status::Unassigned],
        to: Status::Todo,
        parties: QUEUE,
        review: false,
        comment: false,
    },
    Row {
        action: "start",
        names: ("Start", "开始处理", "Empezar"),
        from: &[Status::Todo, Status::Transferred],
        to: Status::InProgress,
        parties: WORKERS,
        review: false,
        comment: false,
    },
    Row {
        action: "stop",
        names: ("Back to to-do", "退回待办", "Volver a pendiente"),
        from: &[Status::InProgress],
        to: Status::Todo,
        parties: WORKERS,
        review: false,
        comment: false,
    },
    Row {
        action: "request_transfer",
        names: ("Request transfer", "申请转单", "Solicitar traslado"),
        from: OPEN,
        to: Status::PendingTransfer,
        parties: &[Admin, Supervisor, Dispatcher, Assignee],
        review: true,
        comment: true,
    },
    Row {
        action: "approve_transfer",
        names: ("Approve transfer", "同意转单", "Aprobar traslado"),
        from: &[Status::PendingTransfer],
        to: Status::Transferred,
        parties: &[Admin, Supervisor, Dispatcher],
        review: false,
        comment: false,
    },
    Row {
        action: "reject_transfer",
        names: ("Reject transfer", "驳回转单", "Rechazar traslado"),
        from: &[Status::PendingTransfer],
        to: Status::Todo,
        parties: &[Admin, Supervisor, Dispatcher],
        review: false,
        comment: true,
    },
    Row {
        action: "accept",
        names: ("Accept into queue", "接收", "Aceptar en la cola"),
        from: &[Status::Transferred],
        to: Status::Todo,
        parties: &[Admin, Supervisor, Dispatcher, Assignee],
        review: false,
        comment: false,
    },
    Row {
        action: "await_customer",
        names: ("Await customer", "等待客户反馈", "Esperar al cliente"),
        from: OPEN,
        to: Status::AwaitingCustomer,
        parties: &[Admin, Supervisor, Agent, Assignee],
        review: false,
        comment: false,
    },
    Row {
        action: "customer_replied",
        names: ("Customer replied", "客户已反馈", "El cliente respondió"),
        from: &[Status::AwaitingCustomer],
        to: Status::InProgress,
        parties: &[Admin, Supervisor, Agent, Assignee, Requester],
        review: false,
        comment: false,
    },
    Row {
        action: "resolve",
        names: ("Resolve", "办结", "Resolver"),
        from: &[Status::Todo, Status::InProgress, Status::AwaitingCustomer],
        to: Status::Done,
        parties: WORKERS,
        review: false,
        comment: false,
    },
    Row {
        action: "suspend",
        names: ("Suspend", "挂起", "Suspender"),
        from: &[Status::Todo, Status::InProgress, Status::AwaitingCustomer],
        to: Status::Suspended,
        parties: &[Admin, Supervisor, Dispatcher, Assignee],
        review: false,
        comment: true,
    },
    Row {
        action: "resume",
        names: ("Resume", "恢复处理", "Reanudar"),
        from: &[Status::Suspended],
        to: Status::InProgress,
        parties: &[Admin, Supervisor, Dispatcher, Assignee],
        review: false,
        comment: true,
    },
    Row {
        action: "return_to_queue",
        names: ("Return to queue", "退回队列", "Devolver a la cola"),
        from: &[Status::Suspended],
        to: Status::Todo,
        parties: QUEUE,
        review: false,
        comment: false,
    },
    Row {
        action: "close",
        names: ("Close", "关闭", "Cerrar"),
        from: &[Status::Done],
        to: Status::Closed,
        parties: &[Admin, Supervisor, Agent, Requester],
        review: false,
        comment: false,
    },
    Row {
        action: "reopen",
        names: ("Reopen", "重新打开", "Reabrir"),
        from: &[Status::Done, Status::Closed],
        to: Status::InProgress,
        parties: &[Admin, Supervisor, Agent, Requester],
        review: false,
        comment: true,
    },
    Row {
        action: "cancel",
        names: ("Cancel", "取消", "Cancelar"),
        from: &[
            Status::Unassigned,
            Status::Todo,
            Status::InProgress,
            Status::PendingTransfer,
            Status::Transferred,
            Status::AwaitingCustomer,
            Status::Suspended,
        ],
        to: Status::Cancelled,
        parties: &[Admin, Supervisor, Dispatcher, Requester],
        review: false,
        comment: true,
    },
];

/// The workflow every template starts with.
pub fn default_workflow() -> WorkflowDef {
    WorkflowDef {
        key: "default".into(),
        names: Names::new("Default", "默认流程", "Predeterminado"),
        initial: Status::Unassigned.key().into(),
        statuses: Status::ALL
            .into_iter()
            .map(|s| StatusDef { key: s.key().into(), category: s.category(), names: status_names(s) })
            .collect(),
        transitions: ROWS
            .iter()
            .map(|r| TransitionDef {
                action: r.action.into(),
                names: Names::new(r.names.0, r.names.1, r.names.2),
                from: r.from.iter().map(|s| s.key().to_string()).collect(),
                to: r.to.key().into(),
                parties: r.parties.to_vec(),
                requires_fields: vec![],
                review: r.review,
                comment_required: r.comment,
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;

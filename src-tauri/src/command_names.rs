// Every app command, shared by build.rs (the ACL manifest) and lib.rs (tests that keep the
// manifest, the capability file and the generated bindings in step with the handlers).
pub const COMMAND_NAMES: &[&str] = &[
    "setup_status",
    "setup_admin",
    "sign_in",
    "switch_user",
    "sign_out",
    "order_create",
    "order_get",
    "order_list",
    "order_update",
    "order_assign",
    "order_set_status",
    "order_comment",
    "directory",
    "template_get",
    "user_create",
    "user_update",
    "department_create",
    "customer_create",
];

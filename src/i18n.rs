//! Error messages of the core in English, Simplified Chinese and Spanish, for the CLI. The UI
//! translates the same keys with i18next (`errors.<key>`); a UI test checks it knows every key
//! listed in [`CATALOGUE`].

use std::collections::BTreeMap;

/// (key, en, zh-CN, es). `{name}` is replaced by the parameter of that name.
pub const CATALOGUE: &[(&str, &str, &str, &str)] = &[
    ("internal", "Something went wrong inside Orderly; the details are in the log.", "Orderly 内部出错，详情见日志。", "Algo falló dentro de Orderly; los detalles están en el registro."),
    ("input.required", "{field} is required.", "{field} 为必填项。", "{field} es obligatorio."),
    ("input.too_long", "{field} is too long (at most {max} characters).", "{field} 过长（最多 {max} 个字符）。", "{field} es demasiado largo (máximo {max} caracteres)."),
    ("input.malformed_json", "The input is not valid JSON: {detail}", "输入不是有效的 JSON：{detail}", "La entrada no es JSON válido: {detail}"),
    ("input.value_invalid", "{field} has an invalid value: {value}", "{field} 的值无效：{value}", "{field} tiene un valor no válido: {value}"),
    ("order.priority_invalid", "Priority \"{value}\" is not valid; use P1 to P5.", "优先级“{value}”无效，请使用 P1 到 P5。", "La prioridad \"{value}\" no es válida; use de P1 a P5."),
    ("order.status_invalid", "Status \"{value}\" does not exist.", "状态“{value}”不存在。", "El estado \"{value}\" no existe."),
    ("order.transition_refused", "An order cannot go from {from} to {to}.", "工单不能从 {from} 变为 {to}。", "Una orden no puede pasar de {from} a {to}."),
    ("order.limit_invalid", "A page holds 1 to {max} orders.", "每页可显示 1 到 {max} 个工单。", "Una página contiene de 1 a {max} órdenes."),
    ("order.cursor_invalid", "The paging cursor is not valid.", "分页游标无效。", "El cursor de paginación no es válido."),
    ("order.source_invalid", "Source \"{value}\" is not valid.", "来源“{value}”无效。", "El origen \"{value}\" no es válido."),
    ("order.not_found", "Order {value} was not found.", "未找到工单 {value}。", "No se encontró la orden {value}."),
    ("order.version_stale", "Order {value} was changed by someone else (you read version {read}, it is now {current}). Reload it and try again.", "工单 {value} 已被他人修改（您读取的是版本 {read}，当前为 {current}）。请刷新后重试。", "Otra persona modificó la orden {value} (leyó la versión {read}, ahora es {current}). Recárguela e inténtelo de nuevo."),
    ("order.field_unknown", "Orders have no field \"{value}\".", "工单没有字段“{value}”。", "Las órdenes no tienen el campo \"{value}\"."),
    ("order.number_invalid", "{value} is not a number of the form {example}.", "{value} 不是形如 {example} 的数字。", "{value} no es un número de la forma {example}."),
    ("template.unknown", "Template \"{value}\" does not exist.", "模板“{value}”不存在。", "La plantilla \"{value}\" no existe."),
    ("template.values_not_object", "Field values must be a JSON object.", "字段值必须是 JSON 对象。", "Los valores de los campos deben ser un objeto JSON."),
    ("template.field_unknown", "The template has no field \"{value}\".", "模板中没有字段“{value}”。", "La plantilla no tiene el campo \"{value}\"."),
    ("template.value_not_text", "{field} must be text.", "{field} 必须是文本。", "{field} debe ser texto."),
    ("template.version_unknown", "Template \"{value}\" has no version {version}.", "模板“{value}”没有版本 {version}。", "La plantilla \"{value}\" no tiene la versión {version}."),
    ("attachment.field_not_attachment", "The field \"{value}\" does not take files.", "字段“{value}”不接受文件。", "El campo \"{value}\" no admite archivos."),
    ("attachment.name_invalid", "\"{value}\" cannot be a file name: 1 to 255 characters, no slashes or control characters.", "“{value}”不能作为文件名：1 到 255 个字符，不能含斜杠或控制字符。", "\"{value}\" no puede ser un nombre de archivo: de 1 a 255 caracteres, sin barras ni caracteres de control."),
    ("attachment.mime_invalid", "\"{value}\" is not a file type such as image/png.", "“{value}”不是形如 image/png 的文件类型。", "\"{value}\" no es un tipo de archivo como image/png."),
    ("attachment.not_stored", "The file {value} was never uploaded; attach it again.", "文件 {value} 从未上传，请重新添加附件。", "El archivo {value} nunca se subió; vuelva a adjuntarlo."),
    ("attachment.no_folder", "This store has no folder for attachments; set ORDERLY_FILES to one.", "此存储没有附件文件夹，请用 ORDERLY_FILES 指定一个。", "Este almacén no tiene carpeta para adjuntos; indique una con ORDERLY_FILES."),
    ("attachment.unknown", "No stored file has the hash {value}.", "没有哈希为 {value} 的已存文件。", "Ningún archivo guardado tiene el hash {value}."),
    ("attachment.file_missing", "The file {value} is recorded but missing from the attachments folder.", "文件 {value} 有记录，但附件文件夹中缺少该文件。", "El archivo {value} está registrado pero falta en la carpeta de adjuntos."),
    ("bench.store_not_empty", "{value} already holds orders; the bench fills only an empty store.", "{value} 中已有工单，基准测试只填充空的存储。", "{value} ya contiene órdenes; la prueba solo llena un almacén vacío."),
    ("template.no_draft", "Template \"{value}\" has no draft to publish.", "模板“{value}”没有可发布的草稿。", "La plantilla \"{value}\" no tiene borrador que publicar."),
    ("template.key_taken", "A template with the key \"{value}\" already exists.", "标识为“{value}”的模板已存在。", "Ya existe una plantilla con la clave \"{value}\"."),
    ("template.mapping_not_a_choice", "Options of \"{value}\" cannot be mapped: it is not a select field.", "“{value}”不是选择字段，无法映射选项。", "Las opciones de \"{value}\" no se pueden asignar: no es un campo de selección."),
    ("template.convert_same", "The order already uses this version of template \"{value}\".", "工单已在使用模板“{value}”的此版本。", "La orden ya usa esta versión de la plantilla \"{value}\"."),
    ("template.field_filter_invalid", "\"{value}\" is not a field filter; write it as KEY=VALUE.", "“{value}”不是字段筛选，格式为 KEY=VALUE。", "\"{value}\" no es un filtro de campo; escríbalo como CLAVE=VALOR."),
    ("user.role_invalid", "Role \"{value}\" does not exist; use admin, supervisor, dispatcher, agent or technician.", "角色“{value}”不存在，可用：admin、supervisor、dispatcher、agent、technician。", "El rol \"{value}\" no existe; use admin, supervisor, dispatcher, agent o technician."),
    ("user.roles_required", "A user needs at least one role.", "用户至少需要一个角色。", "Un usuario necesita al menos un rol."),
    ("user.skill_invalid", "Skill \"{value}\" is not valid; write it as name:level with a level from 1 to 3.", "技能“{value}”无效，格式为 名称:等级，等级为 1 到 3。", "La habilidad \"{value}\" no es válida; escríbala como nombre:nivel con un nivel de 1 a 3."),
    ("user.login_invalid", "Login \"{value}\" is not valid (2–64 letters, digits, . _ - @).", "登录名“{value}”无效（2–64 个字母、数字或 . _ - @）。", "El usuario \"{value}\" no es válido (2–64 letras, dígitos, . _ - @)."),
    ("user.login_taken", "Login \"{value}\" is already in use.", "登录名“{value}”已被使用。", "El usuario \"{value}\" ya está en uso."),
    ("user.password_too_short", "The password needs at least {min} characters.", "密码至少需要 {min} 个字符。", "La contraseña necesita al menos {min} caracteres."),
    ("user.not_found", "User {value} was not found.", "未找到用户 {value}。", "No se encontró el usuario {value}."),
    ("user.inactive", "User {value} is deactivated.", "用户 {value} 已停用。", "El usuario {value} está desactivado."),
    ("user.last_admin", "The last active admin cannot lose the admin role.", "最后一个有效管理员不能失去管理员角色。", "El último administrador activo no puede perder el rol de administrador."),
    ("location.invalid", "{field} needs both a latitude (-90 to 90) and a longitude (-180 to 180).", "{field} 需要同时提供纬度（-90 到 90）和经度（-180 到 180）。", "{field} necesita una latitud (-90 a 90) y una longitud (-180 a 180)."),
    ("department.not_found", "Department {value} was not found.", "未找到部门 {value}。", "No se encontró el departamento {value}."),
    ("customer.not_found", "Customer {value} was not found.", "未找到客户 {value}。", "No se encontró el cliente {value}."),
    ("customer_group.not_found", "Customer group {value} was not found.", "未找到客户组 {value}。", "No se encontró el grupo de clientes {value}."),
    ("catalog.not_found", "Service catalog item {value} was not found.", "未找到服务目录项 {value}。", "No se encontró el elemento del catálogo {value}."),
    ("search.no_terms", "\"{value}\" has no letters or digits to search for.", "“{value}”中没有可搜索的文字或数字。", "\"{value}\" no tiene letras ni dígitos que buscar."),
    ("search.too_many_terms", "A search takes at most {max} words.", "搜索最多包含 {max} 个词。", "Una búsqueda admite como máximo {max} palabras."),
    ("store.duplicate", "That record already exists.", "该记录已存在。", "Ese registro ya existe."),
    ("store.reference_missing", "A referenced record does not exist.", "引用的记录不存在。", "Un registro referenciado no existe."),
    ("store.url_invalid", "\"{value}\" is neither a file path nor a postgres:// URL.", "“{value}”既不是文件路径也不是 postgres:// 地址。", "\"{value}\" no es una ruta de archivo ni una URL postgres://."),
    ("store.unreachable", "The store at {value} cannot be opened.", "无法打开存储 {value}。", "No se puede abrir el almacén {value}."),
    ("store.not_initialised", "The store has no users yet; run `orderly init` first.", "存储中还没有用户，请先运行 `orderly init`。", "El almacén aún no tiene usuarios; ejecute primero `orderly init`."),
    ("store.backup_sqlite_only", "Backup copies SQLite stores; for PostgreSQL use pg_dump.", "备份仅适用于 SQLite 存储；PostgreSQL 请使用 pg_dump。", "La copia de seguridad es para almacenes SQLite; para PostgreSQL use pg_dump."),
    ("store.backup_target_exists", "{value} already exists; choose a new file.", "{value} 已存在，请选择新文件。", "{value} ya existe; elija un archivo nuevo."),
    ("auth.wrong_credentials", "Wrong login or password.", "登录名或密码错误。", "Usuario o contraseña incorrectos."),
    ("auth.not_signed_in", "Please sign in.", "请登录。", "Inicie sesión."),
    ("auth.setup_done", "The first admin has already been set up.", "首个管理员已设置。", "El primer administrador ya está configurado."),
    ("perm.create_order", "{login} may not create orders.", "{login} 无权创建工单。", "{login} no puede crear órdenes."),
    ("perm.see_order", "{login} may not see this order.", "{login} 无权查看此工单。", "{login} no puede ver esta orden."),
    ("perm.work_order", "{login} may not change this order.", "{login} 无权修改此工单。", "{login} no puede modificar esta orden."),
    ("perm.assign", "{login} may not assign orders.", "{login} 无权分派工单。", "{login} no puede asignar órdenes."),
    ("perm.administer", "Only admins may do this ({login} is not one).", "只有管理员可以执行此操作（{login} 不是管理员）。", "Solo los administradores pueden hacerlo ({login} no lo es)."),
    ("import.line_invalid", "Line {line}: {detail}", "第 {line} 行：{detail}", "Línea {line}: {detail}"),
    ("import.file_missing", "File {value} cannot be read.", "无法读取文件 {value}。", "No se puede leer el archivo {value}."),
    ("import.created_at_invalid", "created_at \"{value}\" is not an RFC 3339 time.", "created_at“{value}”不是 RFC 3339 时间。", "created_at \"{value}\" no es una hora RFC 3339."),
    ("input.out_of_range", "{field} must be from {min} to {max} (got {value}).", "{field} 必须在 {min} 到 {max} 之间（当前为 {value}）。", "{field} debe estar entre {min} y {max} (se recibió {value})."),
    ("order.urge_inactive", "Order {value} is finished; it cannot be urged.", "工单 {value} 已结束，无法催单。", "La orden {value} ya terminó; no se puede reclamar."),
    ("sla.calendar_name_taken", "A calendar named \"{value}\" already exists.", "名为“{value}”的日历已存在。", "Ya existe un calendario llamado \"{value}\"."),
    ("sla.calendar_not_found", "Calendar {value} was not found.", "未找到日历 {value}。", "No se encontró el calendario {value}."),
    ("sla.policy_scope_taken", "Another policy already covers this customer group and service ({value}); a pair has one policy.", "已有其他策略覆盖此客户组和服务（{value}），每个组合只能有一个策略。", "Otra política ya cubre este grupo de clientes y servicio ({value}); cada par tiene una sola política."),
    ("sla.chain_empty", "The escalation chain needs at least one step.", "升级链至少需要一个步骤。", "La cadena de escalado necesita al menos un paso."),
    ("notify.time_invalid", "{field} must be a time HH:MM, got \"{value}\".", "{field} 必须是 HH:MM 格式的时间，收到“{value}”。", "{field} debe ser una hora HH:MM; se recibió \"{value}\"."),
    ("notify.kind_unknown", "There is no notification kind \"{value}\".", "没有“{value}”这种通知类型。", "No existe el tipo de notificación \"{value}\"."),
    ("notify.quiet_hours_empty", "Quiet hours must start and end at different times.", "免打扰时段的开始和结束时间不能相同。", "Las horas de silencio deben empezar y terminar a horas distintas."),
    ("dispatch.status_invalid", "Technician status \"{value}\" does not exist; use available, busy or off.", "技师状态“{value}”不存在，可用：available、busy、off。", "El estado de técnico \"{value}\" no existe; use available, busy u off."),
    ("dispatch.schedule_empty", "A visit must end after it starts.", "上门时间的结束必须晚于开始。", "Una visita debe terminar después de empezar."),
    ("dispatch.technician_off", "{login} is off and takes no work.", "{login} 休息中，不接工单。", "{login} está libre y no acepta trabajo."),
    ("dispatch.skill_missing", "{login} lacks the skill {skill} this order needs.", "{login} 不具备此工单所需的技能 {skill}。", "{login} no tiene la habilidad {skill} que necesita esta orden."),
    ("dispatch.level_too_low", "{login} has {skill} at level {level}; this order needs level {required}.", "{login} 的 {skill} 技能为 {level} 级，此工单需要 {required} 级。", "{login} tiene {skill} en nivel {level}; esta orden necesita nivel {required}."),
    ("dispatch.outside_hours", "That time is outside {login}'s working hours.", "该时间不在 {login} 的工作时间内。", "Esa hora está fuera del horario de {login}."),
    ("dispatch.overlap", "{login} already has {number} at that time.", "{login} 在该时间已有工单 {number}。", "{login} ya tiene {number} a esa hora."),
    ("dispatch.not_technician", "{login} is not an active technician.", "{login} 不是在岗技师。", "{login} no es un técnico activo."),
    ("dispatch.batch_all_stale", "All {count} orders of the plan changed since it was made; make a new plan.", "计划中的 {count} 个工单在制定后均已变更，请重新生成计划。", "Las {count} órdenes del plan cambiaron desde que se hizo; haga un plan nuevo."),
    ("dispatch.mode_unknown", "There is no dispatch mode \"{value}\"; use smart, least_loaded or round_robin.", "没有“{value}”这种派单方式，可用：smart、least_loaded、round_robin。", "No existe el modo de despacho \"{value}\"; use smart, least_loaded o round_robin."),
    ("dispatch.nobody_qualifies", "No available technician has what order {value} needs.", "没有可用技师满足工单 {value} 的要求。", "Ningún técnico disponible tiene lo que necesita la orden {value}."),
    ("dispatch.rule_without_target", "A dispatch rule must route to a department or a person.", "派单规则必须指定部门或人员。", "Una regla de despacho debe enviar a un departamento o a una persona."),
    ("pool.already_assigned", "Order {value} is already assigned; only unassigned orders go to the pool.", "工单 {value} 已分派，只有未分派的工单可放入抢单池。", "La orden {value} ya está asignada; solo las no asignadas van a la bolsa."),
    ("pool.limit_reached", "You have grabbed your {limit} orders for today.", "您今天已抢满 {limit} 单。", "Ya tomó sus {limit} órdenes de hoy."),
    ("pool.gone", "Order {value} was taken by someone else.", "工单 {value} 已被他人抢走。", "Otra persona ya tomó la orden {value}."),
    ("perm.grab", "Only technicians grab orders ({login} is not one).", "只有技师可以抢单（{login} 不是技师）。", "Solo los técnicos toman órdenes de la bolsa ({login} no lo es)."),
    ("stats.metric_unknown", "There is no metric \"{value}\"; use one of: {allowed}.", "没有指标“{value}”，可用：{allowed}。", "No existe la métrica \"{value}\"; use una de: {allowed}."),
    ("stats.period_unknown", "There is no period \"{value}\"; use one of: {allowed}.", "没有周期“{value}”，可用：{allowed}。", "No existe el periodo \"{value}\"; use uno de: {allowed}."),
    ("stats.group_unknown", "Statistics cannot be grouped by \"{value}\"; use one of: {allowed}.", "统计不能按“{value}”分组，可用：{allowed}。", "Las estadísticas no se pueden agrupar por \"{value}\"; use uno de: {allowed}."),
    ("stats.statistic_unknown", "There is no statistic \"{value}\"; use one of: {allowed}.", "没有统计量“{value}”，可用：{allowed}。", "No existe el estadístico \"{value}\"; use uno de: {allowed}."),
    ("stats.week_start_unknown", "A week cannot start on \"{value}\"; use one of: {allowed}.", "一周不能从“{value}”开始，可用：{allowed}。", "Una semana no puede empezar en \"{value}\"; use uno de: {allowed}."),
    ("stats.date_invalid", "{field} must be a date YYYY-MM-DD, got \"{value}\".", "{field} 必须是 YYYY-MM-DD 格式的日期，收到“{value}”。", "{field} debe ser una fecha AAAA-MM-DD; se recibió \"{value}\"."),
    ("stats.range_reversed", "The range starts ({from}) after it ends ({to}).", "范围的开始（{from}）晚于结束（{to}）。", "El rango empieza ({from}) después de terminar ({to})."),
    ("stats.range_too_long", "A statistics range holds at most {max} periods.", "统计范围最多包含 {max} 个周期。", "Un rango de estadísticas admite como máximo {max} periodos."),
    ("stats.time_zone_invalid", "\"{value}\" is not an IANA time zone (such as Asia/Shanghai).", "“{value}”不是 IANA 时区（例如 Asia/Shanghai）。", "\"{value}\" no es una zona horaria IANA (como Asia/Shanghai)."),
    ("stats.chart_format_unknown", "A chart is written as .svg or .png, not \"{value}\".", "图表只能保存为 .svg 或 .png，不能是“{value}”。", "Un gráfico se guarda como .svg o .png, no \"{value}\"."),
    ("stats.chart_needs_out", "--chart needs --out FILE.svg or FILE.png.", "--chart 需要 --out FILE.svg 或 FILE.png。", "--chart necesita --out ARCHIVO.svg o ARCHIVO.png."),
    ("stats.chart_kind_unknown", "There is no chart kind \"{value}\"; use line or bar.", "没有图表类型“{value}”，请使用 line 或 bar。", "No existe el tipo de gráfico \"{value}\"; use line o bar."),
    ("settings.key_unknown", "There is no setting \"{value}\"; settings: {allowed}.", "没有设置项“{value}”，可用：{allowed}。", "No existe el ajuste \"{value}\"; ajustes: {allowed}."),
    ("perm.see_stats", "{login} may not see statistics.", "{login} 无权查看统计。", "{login} no puede ver las estadísticas."),
    ("dashboard.tile_id_invalid", "A tile needs an id of 1 to 64 characters.", "图块需要 1 到 64 个字符的标识。", "Un mosaico necesita un identificador de 1 a 64 caracteres."),
    ("dashboard.tile_periods_out_of_range", "A tile covers 1 to {max} periods.", "图块覆盖 1 到 {max} 个周期。", "Un mosaico abarca de 1 a {max} periodos."),
    ("dashboard.too_many_tiles", "At most {max} tiles fit on one dashboard or report.", "一个仪表板或报表最多 {max} 个图块。", "Caben como máximo {max} mosaicos en un panel o informe."),
    ("dashboard.tile_id_duplicate", "Two tiles share the id \"{value}\".", "两个图块使用了同一标识“{value}”。", "Dos mosaicos comparten el identificador \"{value}\"."),
    ("dashboard.title_empty", "A title cannot be blank.", "标题不能为空。", "El título no puede estar en blanco."),
    ("dashboard.title_too_long", "A title has at most {max} characters.", "标题最多 {max} 个字符。", "Un título tiene como máximo {max} caracteres."),
    ("workflow.name_missing", "A name is needed in every language, at most 60 characters.", "每种语言都需要名称，最多 60 个字符。", "Hace falta un nombre en cada idioma, de 60 caracteres como máximo."),
    ("workflow.key_invalid", "\"{value}\" is not a valid key: lowercase letters, digits and _, starting with a letter.", "“{value}”不是有效的标识：只能用小写字母、数字和 _，并以字母开头。", "\"{value}\" no es una clave válida: minúsculas, dígitos y _, empezando por una letra."),
    ("workflow.status_duplicate", "Two statuses share the key \"{value}\".", "两个状态使用了同一标识“{value}”。", "Dos estados comparten la clave \"{value}\"."),
    ("workflow.status_unknown", "There is no status \"{value}\" in this workflow.", "此流程中没有状态“{value}”。", "No hay ningún estado \"{value}\" en este flujo."),
    ("workflow.from_empty", "A transition needs at least one status it starts from.", "流转至少需要一个起始状态。", "Una transición necesita al menos un estado de origen."),
    ("workflow.transition_loop", "A transition cannot lead from \"{value}\" back to itself.", "流转不能从“{value}”回到自身。", "Una transición no puede llevar de \"{value}\" a sí mismo."),
    ("workflow.action_ambiguous", "The action \"{action}\" is offered twice from \"{status}\".", "动作“{action}”在“{status}”中出现了两次。", "La acción \"{action}\" se ofrece dos veces desde \"{status}\"."),
    ("workflow.parties_empty", "Say who may take this transition.", "请指定谁可以执行此流转。", "Indique quién puede realizar esta transición."),
    ("workflow.initial_category", "A new order cannot start in \"{value}\": the first status must be new or open.", "新工单不能从“{value}”开始：初始状态必须是新建或处理类。", "Una orden nueva no puede empezar en \"{value}\": el primer estado debe ser nuevo o abierto."),
    ("workflow.no_closed_status", "A workflow needs a closed status.", "流程需要一个关闭状态。", "Un flujo necesita un estado cerrado."),
    ("workflow.status_unreachable", "No order can ever reach \"{value}\".", "没有工单能到达“{value}”。", "Ninguna orden puede llegar nunca a \"{value}\"."),
    ("workflow.dead_end", "An order in \"{value}\" could never be closed or cancelled.", "处于“{value}”的工单将永远无法关闭或取消。", "Una orden en \"{value}\" nunca podría cerrarse ni cancelarse."),
    ("workflow.action_unavailable", "\"{action}\" is not possible while the order is \"{status}\".", "工单处于“{status}”时不能执行“{action}”。", "No se puede \"{action}\" mientras la orden está en \"{status}\"."),
    ("workflow.not_permitted", "You may not \"{action}\" this order.", "您无权对此工单执行“{action}”。", "No puede \"{action}\" esta orden."),
    ("workflow.field_required", "Fill in {field} before \"{action}\".", "执行“{action}”前请填写 {field}。", "Complete {field} antes de \"{action}\"."),
    ("workflow.comment_required", "\"{action}\" needs a comment saying why.", "“{action}”需要填写原因。", "\"{action}\" necesita un comentario con el motivo."),
    ("trigger.field_unknown", "A trigger cannot use the field \"{value}\".", "触发器不能使用字段“{value}”。", "Un disparador no puede usar el campo \"{value}\"."),
    ("trigger.words_empty", "Give at least one word to look for.", "请至少提供一个关键词。", "Indique al menos una palabra que buscar."),
    ("trigger.events_empty", "Say when the trigger runs: on create, on update or both.", "请指定触发时机：创建时、更新时或两者。", "Indique cuándo se ejecuta: al crear, al actualizar o ambos."),
    ("trigger.actions_empty", "A trigger needs at least one action.", "触发器至少需要一个动作。", "Un disparador necesita al menos una acción."),
    ("time_rule.after_out_of_range", "A time rule waits between 1 and {max} minutes.", "时间规则的等待时间须在 1 到 {max} 分钟之间。", "Una regla de tiempo espera entre 1 y {max} minutos."),
    ("template.attachment_size_out_of_range", "An attachment limit is between 1 byte and {max} bytes.", "附件大小上限须在 1 到 {max} 字节之间。", "El límite de un adjunto está entre 1 y {max} bytes."),
    ("template.cascade_levels_out_of_range", "A cascade has 1 to {max} levels.", "级联字段有 1 到 {max} 级。", "Un campo en cascada tiene de 1 a {max} niveles."),
    ("template.cascade_too_deep", "This option goes deeper than the cascade's {max} levels.", "此选项超过了级联的 {max} 级。", "Esta opción baja más que los {max} niveles de la cascada."),
    ("template.currency_invalid", "\"{value}\" is not a currency code such as CNY, EUR or USD.", "“{value}”不是货币代码（如 CNY、EUR、USD）。", "\"{value}\" no es un código de moneda como CNY, EUR o USD."),
    ("template.decimals_out_of_range", "A number has at most 9 decimals.", "数字最多 9 位小数。", "Un número tiene como máximo 9 decimales."),
    ("template.field_read_only", "This field cannot be changed now.", "此字段现在不能修改。", "Este campo no se puede cambiar ahora."),
    ("template.field_required", "This field is required.", "此字段为必填项。", "Este campo es obligatorio."),
    ("template.key_duplicate", "The key \"{value}\" is used twice.", "标识“{value}”重复使用。", "La clave \"{value}\" se usa dos veces."),
    ("template.key_invalid", "\"{value}\" is not a valid key: lowercase letters, digits and _, starting with a letter.", "“{value}”不是有效的标识：只能用小写字母、数字和 _，并以字母开头。", "\"{value}\" no es una clave válida: minúsculas, dígitos y _, empezando por una letra."),
    ("template.label_missing", "A label is needed in every language.", "每种语言都需要标签。", "Hace falta una etiqueta en cada idioma."),
    ("template.label_too_long", "A label has at most {max} characters.", "标签最多 {max} 个字符。", "Una etiqueta tiene como máximo {max} caracteres."),
    ("template.max_chars_out_of_range", "A length limit is between 1 and {max} characters.", "长度上限须在 1 到 {max} 个字符之间。", "Un límite de longitud está entre 1 y {max} caracteres."),
    ("template.number_invalid", "Enter a whole, positive number here.", "此处请输入正整数。", "Introduzca aquí un número entero positivo."),
    ("template.option_value_invalid", "\"{value}\" cannot be an option value: 1 to 100 characters, no spaces at the ends.", "“{value}”不能作为选项值：1 到 100 个字符，首尾不能有空格。", "\"{value}\" no puede ser el valor de una opción: de 1 a 100 caracteres, sin espacios en los extremos."),
    ("template.options_empty", "Give at least one option.", "请至少提供一个选项。", "Indique al menos una opción."),
    ("template.pattern_invalid", "The pattern \"{value}\" is not a valid regular expression: {detail}", "模式“{value}”不是有效的正则表达式：{detail}", "El patrón \"{value}\" no es una expresión regular válida: {detail}"),
    ("template.range_inverted", "The maximum is below the minimum.", "最大值小于最小值。", "El máximo es menor que el mínimo."),
    ("template.rule_conditions_empty", "A rule needs at least one condition.", "规则至少需要一个条件。", "Una regla necesita al menos una condición."),
    ("template.rule_field_unknown", "A rule names the field \"{value}\", which the template does not have.", "规则引用了模板中不存在的字段“{value}”。", "Una regla nombra el campo \"{value}\", que la plantilla no tiene."),
    ("template.rule_targets_empty", "A rule needs at least one field to act on.", "规则至少需要一个作用字段。", "Una regla necesita al menos un campo sobre el que actuar."),
    ("template.rule_targets_itself", "A rule cannot act on \"{value}\", which its own condition reads.", "规则不能作用于其条件所读取的字段“{value}”。", "Una regla no puede actuar sobre \"{value}\", que lee su propia condición."),
    ("template.section_unknown", "There is no section \"{value}\".", "没有分区“{value}”。", "No hay ninguna sección \"{value}\"."),
    ("template.sections_empty", "A template needs at least one section.", "模板至少需要一个分区。", "Una plantilla necesita al menos una sección."),
    ("template.too_many", "At most {max} are allowed here.", "此处最多允许 {max} 个。", "Aquí se permiten como máximo {max}."),
    ("template.value_above_max", "The value is above the maximum, {max}.", "数值超过最大值 {max}。", "El valor supera el máximo, {max}."),
    ("template.value_below_min", "The value is below the minimum, {min}.", "数值低于最小值 {min}。", "El valor es inferior al mínimo, {min}."),
    ("template.value_currency_mismatch", "The amount must be in {value}.", "金额必须以 {value} 计。", "El importe debe estar en {value}."),
    ("template.value_file_too_large", "{value} is larger than the {max} bytes allowed.", "{value} 超过了允许的 {max} 字节。", "{value} supera los {max} bytes permitidos."),
    ("template.value_file_type_refused", "{value} is not an allowed file type ({allowed}).", "{value} 不是允许的文件类型（{allowed}）。", "{value} no es un tipo de archivo permitido ({allowed})."),
    ("template.value_invalid", "This is not a valid {type} value.", "这不是有效的 {type} 值。", "No es un valor {type} válido."),
    ("template.value_not_an_option", "\"{value}\" is not one of the options.", "“{value}”不是可选项之一。", "\"{value}\" no es una de las opciones."),
    ("template.value_path_incomplete", "Choose down to the last level.", "请选择到最后一级。", "Elija hasta el último nivel."),
    ("template.value_pattern_mismatch", "The value does not have the expected format.", "取值格式不正确。", "El valor no tiene el formato esperado."),
    ("template.value_too_long", "At most {max} characters.", "最多 {max} 个字符。", "Como máximo {max} caracteres."),
    ("template.value_too_many_choices", "Choose at most {max}.", "最多选择 {max} 项。", "Elija como máximo {max}."),
    ("template.value_too_many_files", "At most {max} files.", "最多 {max} 个文件。", "Como máximo {max} archivos."),
    ("template.value_too_precise", "At most {max} decimals.", "最多 {max} 位小数。", "Como máximo {max} decimales."),
    ("template.mapping_type_mismatch", "{value} cannot map to {target}: the fields have different types.", "{value} 无法映射到 {target}：字段类型不同。", "{value} no puede corresponder a {target}: los campos son de tipos distintos."),
    ("cli.engine_input_invalid", "{value} cannot be used: {detail}", "无法使用 {value}：{detail}", "No se puede usar {value}: {detail}"),
    ("cli.file_unwritable", "Cannot write {value}.", "无法写入 {value}。", "No se puede escribir {value}."),
    ("cli.set_invalid", "--set needs FIELD=VALUE, got \"{value}\".", "--set 需要 FIELD=VALUE，收到“{value}”。", "--set necesita CAMPO=VALOR, se recibió \"{value}\"."),
    ("handover.no_change", "Order {value} already sits there; choose another person or department.", "工单 {value} 已在该处，请选择其他人员或部门。", "La orden {value} ya está ahí; elija otra persona u otro departamento."),
    ("route.date_invalid", "\"{value}\" is not a date; use YYYY-MM-DD.", "“{value}”不是日期，请用 YYYY-MM-DD。", "\"{value}\" no es una fecha; use AAAA-MM-DD."),
    ("route.no_technicians", "Choose at least one technician whose day to plan.", "请至少选择一位要规划当天路线的技师。", "Elija al menos un técnico cuyo día planificar."),
    ("route.no_orders", "No open orders are assigned for {date} to the technicians chosen.", "所选技师在 {date} 没有已分配的未完成工单。", "Los técnicos elegidos no tienen órdenes abiertas asignadas para el {date}."),
    ("route.base_missing", "{login} has no base: record the van's base or a home place.", "{login} 没有出发地：请填写车辆出发地或住址位置。", "{login} no tiene base: registre la base de la furgoneta o un domicilio."),
    ("route.window_empty", "An appointment window must end after it starts.", "预约时间窗的结束必须晚于开始。", "Una ventana de cita debe terminar después de empezar."),
    ("route.window_half", "An appointment window needs both a start and an end.", "预约时间窗需要同时有开始和结束。", "Una ventana de cita necesita inicio y fin."),
    ("route.map_size", "The route map cannot be drawn at that size: {value}", "无法按该尺寸绘制路线图：{value}", "No se puede dibujar el mapa de ruta con ese tamaño: {value}"),
    ("dashboard.not_found", "Dashboard {value} was not found.", "未找到仪表板 {value}。", "No se encontró el panel {value}."),
    ("dashboard.not_owner", "Only its owner, {owner}, may change the dashboard \"{value}\"; clone it to make your own.", "只有所有者 {owner} 可以修改仪表板“{value}”，可复制一份自己的。", "Solo su propietario, {owner}, puede cambiar el panel \"{value}\"; clónelo para tener el suyo."),
    ("dashboard.default_read_only", "A built-in dashboard cannot be changed; clone it to make your own.", "内置仪表板不能修改，可复制一份自己的。", "Un panel predefinido no se puede cambiar; clónelo para tener el suyo."),
    ("dashboard.name_empty", "A dashboard needs a name.", "仪表板需要名称。", "Un panel necesita un nombre."),
    ("report.print_failed", "The report could not be printed: {reason}", "报表未能打印：{reason}", "No se pudo imprimir el informe: {reason}"),
    ("report.name_empty", "A report needs a name.", "报表需要名称。", "Un informe necesita un nombre."),
    ("report.tiles_empty", "A report needs at least one tile.", "报表至少需要一个图块。", "Un informe necesita al menos un mosaico."),
    ("report.time_invalid", "\"{value}\" is not a time of day; write it as HH:MM (24-hour clock).", "“{value}”不是有效时间，请写成 HH:MM（24 小时制）。", "\"{value}\" no es una hora; escríbala como HH:MM (reloj de 24 horas)."),
    ("report.weekday_invalid", "A weekly report needs a weekday from 1 (Monday) to 7 (Sunday).", "每周报表需要 1（周一）到 7（周日）之间的星期几。", "Un informe semanal necesita un día de 1 (lunes) a 7 (domingo)."),
    ("report.day_invalid", "A monthly report needs a day of the month from 1 to 31.", "每月报表需要 1 到 31 之间的日期。", "Un informe mensual necesita un día del mes de 1 a 31."),
    ("report.email_invalid", "\"{value}\" is not an e-mail address.", "“{value}”不是有效的电子邮件地址。", "\"{value}\" no es una dirección de correo electrónico."),
    ("report.too_many_recipients", "A report goes to at most {max} recipients.", "一个报表最多发送给 {max} 位收件人。", "Un informe se envía como máximo a {max} destinatarios."),
    ("report.folder_not_absolute", "The folder must be a full path, not \"{value}\".", "文件夹必须是完整路径，不能是“{value}”。", "La carpeta debe ser una ruta completa, no \"{value}\"."),
    ("report.not_found", "Report \"{value}\" was not found.", "未找到报表“{value}”。", "No se encontró el informe \"{value}\"."),
    ("report.name_taken", "There is already a report called \"{value}\".", "已存在名为“{value}”的报表。", "Ya existe un informe llamado \"{value}\"."),
    ("report.send_failed", "The report could not be e-mailed: {detail}", "报表邮件发送失败：{detail}", "No se pudo enviar el informe por correo: {detail}"),
    ("report.owner_inactive", "The report's owner is no longer an active user; save the report again to take it over.", "报表的所有者已不是活动用户，请重新保存报表以接管。", "El propietario del informe ya no es un usuario activo; guarde el informe de nuevo para hacerse cargo."),
    ("perm.manage_reports", "Only supervisors and admins may manage reports ({login} is neither).", "只有主管和管理员可以管理报表（{login} 都不是）。", "Solo los supervisores y administradores pueden gestionar informes ({login} no lo es)."),
    ("smtp.host_invalid", "\"{value}\" is not a mail server name.", "“{value}”不是有效的邮件服务器名称。", "\"{value}\" no es un nombre de servidor de correo."),
    ("smtp.port_invalid", "The mail server port must be from 1 to 65535.", "邮件服务器端口必须在 1 到 65535 之间。", "El puerto del servidor de correo debe estar entre 1 y 65535."),
    ("smtp.credentials_incomplete", "Give both a username and a password, or neither.", "用户名和密码需同时填写或都不填。", "Indique usuario y contraseña, o ninguno de los dos."),
    ("export.format_unknown", "An export is written as .svg, .png, .csv or .xlsx, not \"{value}\".", "导出只能保存为 .svg、.png、.csv 或 .xlsx，不能是“{value}”。", "Una exportación se guarda como .svg, .png, .csv o .xlsx, no \"{value}\"."),
    ("export.unwritable", "{value} cannot be written.", "无法写入 {value}。", "No se puede escribir {value}."),
    ("workflow.status_fixed", "\"{value}\" cannot be used here: a workflow keeps the statuses orders hold ({allowed}) with their categories, and starts at unassigned.", "此处不能使用“{value}”：流程须沿用工单的状态（{allowed}）及其类别，并从“待分配”开始。", "No se puede usar \"{value}\" aquí: un flujo mantiene los estados de las órdenes ({allowed}) con sus categorías y empieza en sin asignar."),
    ("workflow.not_found", "Workflow \"{value}\" was not found.", "未找到流程“{value}”。", "No se encontró el flujo \"{value}\"."),
    ("trigger.key_duplicate", "The key \"{value}\" is used twice.", "标识“{value}”重复使用。", "La clave \"{value}\" se usa dos veces."),
    ("trigger.not_found", "Trigger \"{value}\" was not found.", "未找到触发器“{value}”。", "No se encontró el disparador \"{value}\"."),
    ("trigger.order_mismatch", "The new order must name every trigger once; \"{value}\" does not fit. Reload the list and try again.", "新的顺序必须包含每个触发器且只出现一次；“{value}”不符。请刷新列表后重试。", "El nuevo orden debe nombrar cada disparador una vez; \"{value}\" no encaja. Recargue la lista e inténtelo de nuevo."),
    ("transfer.no_request", "Order {value} has no transfer waiting for review.", "工单 {value} 没有待审核的转单申请。", "La orden {value} no tiene ningún traslado pendiente de revisión."),
    ("order.view_unknown", "There is no view \"{value}\"; use one of: {allowed}.", "没有视图“{value}”，可用：{allowed}。", "No existe la vista \"{value}\"; use una de: {allowed}."),
    ("link.kind_unknown", "There is no link kind \"{value}\"; use related, duplicate_of, parent_of or child_of.", "没有关联类型“{value}”，可用：related、duplicate_of、parent_of、child_of。", "No existe el tipo de vínculo \"{value}\"; use related, duplicate_of, parent_of o child_of."),
    ("link.self", "Order {value} cannot be linked to itself.", "工单 {value} 不能关联到自身。", "La orden {value} no se puede vincular consigo misma."),
    ("link.exists", "The order is already linked to {value}.", "该工单已关联到 {value}。", "La orden ya está vinculada a {value}."),
    ("link.missing", "The order is not linked to {value}.", "该工单未关联到 {value}。", "La orden no está vinculada a {value}."),
    ("perm.manage_collaborators", "{login} may not add or remove collaborators on this order.", "{login} 无权为此工单添加或移除协作人。", "{login} no puede añadir ni quitar colaboradores de esta orden."),
    ("collaborator.already", "{login} already collaborates on this order.", "{login} 已是此工单的协作人。", "{login} ya colabora en esta orden."),
    ("collaborator.not_one", "{login} does not collaborate on this order.", "{login} 不是此工单的协作人。", "{login} no colabora en esta orden."),
    ("comment.mention_hidden", "{login} cannot see this order and you may not add collaborators; ask its assignee or a supervisor to add {login} first.", "{login} 无法查看此工单，且您无权添加协作人；请先请处理人或主管添加 {login}。", "{login} no puede ver esta orden y usted no puede añadir colaboradores; pida a su responsable o a un supervisor que añada a {login}."),
    ("filter.name_taken", "You already have a filter called \"{value}\".", "您已有名为“{value}”的筛选。", "Ya tiene un filtro llamado \"{value}\"."),
    ("filter.not_found", "You have no filter called \"{value}\".", "您没有名为“{value}”的筛选。", "No tiene ningún filtro llamado \"{value}\"."),
    ("bulk.empty", "Choose at least one order.", "请至少选择一个工单。", "Elija al menos una orden."),
    ("bulk.too_many", "A bulk change takes at most {max} orders ({count} chosen).", "批量操作最多 {max} 个工单（已选 {count} 个）。", "Un cambio masivo admite como máximo {max} órdenes ({count} elegidas)."),
    ("transfer.not_reviewer", "Only a supervisor or dispatcher of the target department may review this transfer ({login} is not one).", "只有目标部门的主管或调度员可以审核此转单（{login} 不是）。", "Solo un supervisor o despachador del departamento de destino puede revisar este traslado ({login} no lo es)."),
];

/// Texts the desktop shell shows natively, (key, en, zh-CN, es): notifications
/// (`notice.<kind>.title` and `.body` for every kind; `{order}` is the order number) and the
/// tray menu.
pub const NOTICES: &[(&str, &str, &str, &str)] = &[
    ("notice.target.response", "response", "响应", "respuesta"),
    ("notice.target.resolution", "resolution", "解决", "resolución"),
    ("notice.sla_warning.title", "{order}: SLA due soon", "{order}：SLA 即将到期", "{order}: el SLA vence pronto"),
    (
        "notice.sla_warning.body",
        "The {target} time is nearly used up.",
        "{target}时限即将用完。",
        "El plazo de {target} casi se ha agotado.",
    ),
    ("notice.sla_breached.title", "{order}: SLA breached", "{order}：已超出 SLA", "{order}: SLA incumplido"),
    (
        "notice.sla_breached.body",
        "The {target} time has run out.",
        "{target}时限已到期。",
        "El plazo de {target} se ha agotado.",
    ),
    (
        "notice.sla_alert.title",
        "{order}: overdue (alert {number})",
        "{order}：已超时（第 {number} 次提醒）",
        "{order}: vencida (aviso {number})",
    ),
    (
        "notice.sla_alert.body",
        "This order is overdue and waiting for you.",
        "此工单已超时，正在等待您处理。",
        "Esta orden está vencida y le espera.",
    ),
    (
        "notice.sla_suspended.title",
        "{order}: suspended after {alerts} alerts",
        "{order}：{alerts} 次提醒后已挂起",
        "{order}: suspendida tras {alerts} avisos",
    ),
    (
        "notice.sla_suspended.body",
        "Nobody acted on the overdue order; the control centre takes over.",
        "超时工单无人处理，已转交控制中心。",
        "Nadie atendió la orden vencida; el centro de control se hace cargo.",
    ),
    ("notice.assigned.title", "{order}: assigned to you", "{order}：已分派给您", "{order}: asignada a usted"),
    ("notice.assigned.body", "{title}", "{title}", "{title}"),
    ("notice.urged.title", "{order}: urged ({count})", "{order}：催单（{count} 次）", "{order}: reclamada ({count})"),
    ("notice.urged.body", "{by} is waiting for this order.", "{by} 正在催促此工单。", "{by} espera esta orden."),
    ("notice.mentioned.title", "{order}: you were mentioned", "{order}：有人提到了您", "{order}: le han mencionado"),
    ("tray.open", "Open Orderly", "打开 Orderly", "Abrir Orderly"),
    ("tray.inbox", "Inbox ({count} unread)", "通知（{count} 条未读）", "Bandeja ({count} sin leer)"),
    ("tray.quit", "Quit", "退出", "Salir"),
    ("tray.tooltip", "Orderly: {count} unread", "Orderly：{count} 条未读", "Orderly: {count} sin leer"),
    (
        "notice.mentioned.body",
        "{by} mentioned you in a comment.",
        "{by} 在评论中提到了您。",
        "{by} le mencionó en un comentario.",
    ),
    (
        "notice.transfer_requested.title",
        "{order}: transfer to review",
        "{order}：待审核的转单",
        "{order}: traslado por revisar",
    ),
    (
        "notice.transfer_requested.body",
        "{by} asks to transfer it to your department: {reason}",
        "{by} 申请转入您的部门：{reason}",
        "{by} pide trasladarla a su departamento: {reason}",
    ),
    (
        "notice.transfer_approved.title",
        "{order}: transfer approved",
        "{order}：转单已通过",
        "{order}: traslado aprobado",
    ),
    ("notice.transfer_approved.body", "{by} approved the transfer.", "{by} 同意了转单。", "{by} aprobó el traslado."),
    (
        "notice.transfer_rejected.title",
        "{order}: transfer rejected",
        "{order}：转单被驳回",
        "{order}: traslado rechazado",
    ),
    (
        "notice.transfer_rejected.body",
        "{by} rejected the transfer: {comment}",
        "{by} 驳回了转单：{comment}",
        "{by} rechazó el traslado: {comment}",
    ),
    (
        "notice.collaborator_added.title",
        "{order}: you were added as a collaborator",
        "{order}：您被添加为协作人",
        "{order}: le añadieron como colaborador",
    ),
    (
        "notice.collaborator_added.body",
        "{by} asked you to help with: {title}",
        "{by} 请您协助处理：{title}",
        "{by} le pidió ayuda con: {title}",
    ),
    ("notice.trigger.title", "{order}: {title}", "{order}：{title}", "{order}: {title}"),
    ("notice.trigger.body", "{message}", "{message}", "{message}"),
    ("notice.time_rule.title", "{order}: {title}", "{order}：{title}", "{order}: {title}"),
    ("notice.time_rule.body", "{message}", "{message}", "{message}"),
];

/// The message for `key` in `lang`, parameters filled in. Unknown keys show the key itself so
/// a missing translation is visible, never silent.
pub fn message(lang: &str, key: &str, params: &BTreeMap<String, String>) -> String {
    let found = CATALOGUE.iter().chain(NOTICES).chain(orderly_sla::MESSAGES).find(|(k, ..)| *k == key);
    let Some((_, en, zh, es)) = found else {
        return key.to_string();
    };
    let template = match normalise_lang(lang) {
        "zh-CN" => zh,
        "es" => es,
        _ => en,
    };
    let mut out = template.to_string();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `zh`, `zh_CN.UTF-8`, `zh-Hans` -> `zh-CN`; `es_MX` -> `es`; anything else -> `en`.
pub fn normalise_lang(lang: &str) -> &'static str {
    let lower = lang.to_ascii_lowercase();
    if lower.starts_with("zh") {
        "zh-CN"
    } else if lower.starts_with("es") {
        "es"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_keeps_its_placeholders_in_all_languages() {
        for (key, en, zh, es) in CATALOGUE.iter().chain(NOTICES) {
            let names = |s: &str| {
                let mut v: Vec<String> =
                    s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect();
                v.sort();
                v
            };
            assert_eq!(names(en), names(zh), "{key} zh");
            assert_eq!(names(en), names(es), "{key} es");
        }
    }

    #[test]
    fn messages_follow_the_language() {
        let params = BTreeMap::from([("value".to_string(), "P9".to_string())]);
        assert!(message("zh_CN.UTF-8", "order.priority_invalid", &params).contains("优先级“P9”无效"));
        assert!(message("es", "order.priority_invalid", &params).contains("no es válida"));
        assert!(message("fr", "order.priority_invalid", &params).starts_with("Priority \"P9\""));
    }
}

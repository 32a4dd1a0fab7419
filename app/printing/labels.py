"""The Chinese words on paper: ledger titles, column headers and the labels of stored codes.

One table per concern, keyed by the code names of the domain (see the glossary), so a term
is worded once for every printout.
"""

from __future__ import annotations

# kind -> (title of its ledger, {column key: (header, relative width)})
REGISTRY_LEDGERS: dict[str, tuple[str, dict[str, tuple[str, float]]]] = {
    "compound": ("小区台账", {
        "name": ("小区名称", 2.2),
        "address": ("地址", 3.0),
        "households": ("户数", 1.0),
        "building_count": ("楼栋数", 1.0),
        "property_company": ("物业公司", 2.4),
        "fee_standard": ("物业费标准（元/㎡·月）", 1.6),
        "fee_collection_rate": ("收缴率（%）", 1.2),
        "has_homeowner_committee": ("业委会", 1.0),
        "has_red_property_branch": ("红色物业", 1.1),
    }),
    "building": ("楼栋台账", {
        "compound": ("小区", 2.4),
        "number": ("楼号", 1.2),
        "entrances": ("单元数", 1.0),
        "floors": ("层数", 1.0),
        "households": ("户数", 1.0),
        "leader_name": ("楼栋长", 1.4),
        "leader_phone": ("楼栋长电话", 1.8),
    }),
    "party_group": ("党小组台账", {
        "name": ("党小组名称", 2.6),
        "kind": ("类型", 1.3),
        "compound": ("所在小区", 2.0),
        "buildings": ("覆盖楼栋", 2.6),
        "leader_name": ("组长", 1.2),
        "member_count": ("党员数", 1.0),
    }),
    "party_member": ("党员名册", {
        "name": ("姓名", 1.2),
        "gender": ("性别", 0.6),
        "birth_date": ("出生日期", 1.25),
        "status": ("类别", 1.0),
        "join_date": ("入党日期", 1.25),
        "party_group": ("党小组", 2.6),
        "compound": ("小区", 1.6),
        "building": ("楼栋", 0.8),
        "phone": ("联系电话", 1.5),
        "id_number": ("身份证号", 2.2),
        "in_service": ("在职党员", 1.1),
        "employer": ("工作单位", 3.0),
    }),
    "homeowner_committee": ("业主委员会台账", {
        "compound": ("小区", 2.6),
        "founded_on": ("成立日期", 1.4),
        "term_start": ("本届任期开始", 1.4),
        "term_end": ("本届任期届满", 1.4),
        "member_count": ("委员人数", 1.0),
        "party_member_count": ("其中党员", 1.0),
    }),
    "homeowner_committee_member": ("业主委员会成员名册", {
        "compound": ("小区", 2.6),
        "name": ("姓名", 1.4),
        "role": ("职务", 1.2),
        "is_party_member": ("党员", 0.9),
        "phone": ("联系电话", 1.8),
    }),
    "property_company": ("物业公司台账", {
        "name": ("公司名称", 3.0),
        "contact": ("联系人", 1.3),
        "phone": ("联系电话", 1.6),
        "address": ("地址", 3.0),
        "compound_count": ("服务小区数", 1.1),
    }),
    "red_property_branch": ("红色物业服务党支部台账", {
        "name": ("党支部名称", 3.0),
        "property_company": ("物业公司", 2.6),
        "compound": ("服务小区", 2.0),
        "secretary_name": ("书记", 1.2),
        "founded_on": ("成立日期", 1.4),
        "member_count": ("党员数", 1.0),
    }),
    "resident_unit": ("驻区单位台账", {
        "name": ("单位名称", 3.0),
        "kind": ("类型", 1.1),
        "contact": ("联系人", 1.2),
        "phone": ("联系电话", 1.6),
        "address": ("地址", 2.8),
        "party_org_name": ("党组织名称", 2.8),
    }),
    "part_time_member": ("大党委兼职委员名册", {
        "name": ("姓名", 1.3),
        "resident_unit": ("所在单位", 3.0),
        "post": ("职务", 2.2),
        "phone": ("联系电话", 1.6),
    }),
}

# Integer columns whose sum means something (floors of all buildings does not).
SUMMABLE: dict[str, tuple[str, ...]] = {
    "compound": ("households", "building_count"),
    "building": ("entrances", "households"),
    "party_group": ("member_count",),
    "homeowner_committee": ("member_count", "party_member_count"),
    "property_company": ("compound_count",),
    "red_property_branch": ("member_count",),
}

# (record kind, column key) -> stored code of a choice -> its words on paper.
CHOICES: dict[tuple[str, str], dict[str, str]] = {
    ("party_member", "gender"): {"male": "男", "female": "女"},
    ("party_member", "status"): {"full": "正式党员", "probationary": "预备党员"},
    ("party_group", "kind"): {"ordinary": "党小组", "building": "楼栋党小组"},
    ("resident_unit", "kind"): {
        "enterprise": "企业", "school": "学校", "hospital": "医院",
        "organ": "机关", "social": "社会组织", "other": "其他",
    },
}

ORG_SUFFIX = {
    "committee": "委员会",
    "general_branch": "总支部委员会",
    "branch": "支部委员会",
}

# Text columns of short values, centred and kept on one line (names, building numbers).
CENTRED = frozenset({
    "leader_name", "secretary_name", "contact", "number", "building", "role", "post",
})
CENTRED_BY_KIND = {("party_member", "name"), ("homeowner_committee_member", "name"),
                   ("part_time_member", "name")}

# The column a ledger is sorted by, where not its first.
SORT_BY: dict[str, str] = {"party_member": "party_group"}

# Titles of the documents that are not ledgers, for window titles and file names.
DOCUMENT_TITLES = {
    "signin": "签到表",
    "minutes": "会议记录",
    "appeal": "民生诉求办理单",
}

SERIAL = "序号"
TOTAL = "合计"

# Meeting kinds as they appear in a sign-in sheet's or minutes' title.
MEETING_KINDS: dict[str, str] = {
    "general_meeting": "支部党员大会",
    "committee_meeting": "支部委员会",
    "group_meeting": "党小组会",
    "party_lesson": "党课",
    "themed_day": "主题党日",
    "joint_meeting": "党建联席会议",
    "work_day": "社区工作日",
    "training": "培训",
    "other": "活动",
}

APPEAL_STEPS: dict[str, str] = {
    "receive": "受理",
    "dispatch": "派单",
    "return": "退回",
    "accept": "签收",
    "note": "办理",
    "request_extension": "延期申请",
    "approve_extension": "同意延期",
    "refuse_extension": "不同意延期",
    "remind": "催办",
    "escalate": "督办升级",
    "close": "办结",
    "visit": "回访",
    "reopen": "回访不满意，重办",
    "archive": "归档",
    "correct": "更正",
    "import": "从Excel台账导入",
}

# The fields a correction names in the trail.
APPEAL_CORRECTED: dict[str, str] = {
    "channel": "来源渠道", "resident_name": "群众姓名", "resident_phone": "联系电话", "address": "地址",
    "compound_id": "小区", "building_id": "楼栋", "category": "诉求类别", "urgency": "紧急程度",
    "content": "诉求内容",
}

APPEAL_STATES: dict[str, str] = {
    "received": "已受理",
    "dispatched": "已派单",
    "returned": "已退回",
    "handling": "办理中",
    "closed": "已办结",
    "visited": "已回访",
    "archived": "已归档",
}

APPEAL_CHANNELS: dict[str, str] = {
    "hotline": "热线电话",
    "app": "网络平台",
    "visit": "来访",
    "grid_worker": "网格员上报",
    "other": "其他",
}

APPEAL_CATEGORIES: dict[str, str] = {
    "consultation": "咨询",
    "help": "求助",
    "complaint": "投诉",
    "suggestion": "建议",
}

APPEAL_URGENCY: dict[str, str] = {"normal": "一般", "emergency": "紧急"}

ASSIGNEE_KINDS: dict[str, str] = {
    "party_group": "党小组",
    "resident_unit": "驻区单位",
    "property_company": "物业公司",
    "department": "职能部门",
}

VISIT_RESULTS: dict[str, str] = {"satisfied": "满意", "mostly": "基本满意", "dissatisfied": "不满意"}

PROJECT_STATUS: dict[str, str] = {
    "claimed": "已认领",
    "in_progress": "推进中",
    "done": "已完成",
    "closed": "已销号",
    "overdue": "已逾期",
}

MILESTONE_STAGES: dict[str, str] = {
    "open": "年初建账",
    "midyear": "年中查账",
    "delivery": "年底交账",
    "other": "节点",
}

SECRETARY_LEVELS: dict[str, str] = {
    "community": "社区",
    "party_group": "党小组",
    "resident_unit": "驻区单位",
}

# The five guarantees, in their order on the matrix.
GUARANTEE_TASKS: dict[str, str] = {
    "committee": "成立业委会",
    "property_company": "引进物业",
    "fee_standard": "确定收费标准",
    "fee_collection": "收缴物业费",
    "routine_operation": "建立常态运行机制",
}

TASK_STATUS: dict[str, str] = {"not_started": "未开始", "in_progress": "推进中", "done": "已完成"}

COBUILD_LISTS: dict[str, str] = {
    "needs": "需求清单",
    "resources": "资源清单",
    "projects": "项目清单",
    "responsibilities": "责任清单",
}

COBUILD_STATUS: dict[str, str] = {
    "open": "待对接",
    "in_progress": "推进中",
    "done": "已完成",
    "closed": "已关闭",
}

FUND_KINDS: dict[str, str] = {
    "party_building": "党建经费",
    "serving_residents": "服务群众专项经费",
    "other": "其他经费",
}

# The sheets of a whole-database export of the kinds that have no registry ledger above:
# kind -> (the sheet's title, list column key -> its header).
ARCHIVE_SHEETS: dict[str, tuple[str, dict[str, str]]] = {
    "meeting": ("会议活动", {
        "starts_at": "开始时间", "kind": "会议类型", "topic": "主题", "place": "地点", "host": "主持人",
        "party_group": "党小组", "expected": "应到人数", "present": "实到人数", "on_leave": "请假人数"}),
    "appeal": ("民生诉求", {
        "number": "诉求编号", "received_at": "受理时间", "channel": "来源渠道", "category": "诉求类别",
        "urgency": "紧急程度", "resident_name": "诉求人", "resident_phone": "联系电话", "compound": "小区",
        "building": "楼栋", "content": "诉求内容", "assignee_name": "承办单位", "deadline": "办理期限",
        "state": "办理状态", "visit_result": "回访结果"}),
    "secretary_project": ("书记项目", {
        "year": "年度", "title": "项目名称", "secretary_name": "领办书记", "level": "层级",
        "team": "项目团队", "milestones_done": "已完成节点", "milestones_total": "节点数", "status": "状态"}),
    "workday_visit": ("社区工作日报到", {
        "month": "月份", "organ": "单位", "cadre": "干部", "arrived_at": "到岗时间", "left_at": "离岗时间",
        "service": "服务内容", "party_lesson": "讲党课", "pairing_household": "结对户",
        "goods_fen": "帮扶物资（元）", "confirmed": "已确认"}),
    "fund_entry": ("经费收支明细", {
        "entry_date": "日期", "fund": "经费", "voucher_no": "凭证号", "direction": "收支",
        "amount_fen": "金额（元）", "purpose": "用途", "handler": "经办人"}),
    "compound_guarantee": ("小区管理包保", {
        "compound": "小区", "leader_name": "包保领导", "leader_post": "职务", "leader_unit": "所在单位",
        "since": "包保起始日期", "tasks_done": "已完成任务"}),
    "organ": ("机关单位", {
        "name": "单位名称", "contact": "联系人", "phone": "联系电话", "address": "地址",
        "cadre_count": "干部人数"}),
    "cadre": ("机关干部", {
        "name": "姓名", "organ": "所在单位", "post": "职务", "phone": "联系电话", "is_party_member": "党员"}),
    "training_record": ("培训记录", {
        "trained_on": "培训日期", "person_name": "姓名", "post": "职务", "course": "培训内容",
        "hours": "学时", "organiser": "组织单位"}),
    "fund": ("经费", {
        "name": "经费名称", "kind": "经费类型", "opening_fen": "期初余额（元）", "balance_fen": "余额（元）",
        "note": "备注"}),
    "calendar_day": ("节假日与调休", {"day": "日期", "kind": "类型", "name": "名称"}),
    "venue": ("阵地", {
        "name": "阵地名称", "kind": "类型", "setting": "所在场所", "area_m2": "建筑面积（平方米）",
        "room_count": "功能室数", "rooms_area_m2": "功能室面积（平方米）", "owner": "产权单位",
        "opening_hours": "开放时间", "address": "地址"}),
    "venue_room": ("阵地功能室", {
        "venue": "阵地", "name": "功能室名称", "layout": "类别", "function": "功能",
        "area_m2": "面积（平方米）", "capacity": "容纳人数", "opening_hours": "开放时间"}),
    "community_brand": ("社区品牌", {
        "name": "品牌名称", "founded_year": "创建年份", "level": "认定级别", "recognition": "认定情况",
        "recognised_year": "认定年份", "description": "品牌内容"}),
    "cobuild_item": ("区域共建清单", {
        "list_kind": "清单", "year": "年度", "title": "名称", "status": "状态", "owner": "责任方",
        "due_date": "完成时限", "unit_count": "共建单位数"}),
}

CHOICES.update({
    ("meeting", "kind"): MEETING_KINDS,
    ("appeal", "channel"): APPEAL_CHANNELS,
    ("appeal", "category"): APPEAL_CATEGORIES,
    ("appeal", "urgency"): APPEAL_URGENCY,
    ("appeal", "state"): APPEAL_STATES,
    ("appeal", "visit_result"): VISIT_RESULTS,
    ("secretary_project", "level"): SECRETARY_LEVELS,
    ("secretary_project", "status"): PROJECT_STATUS,
    ("fund_entry", "direction"): {"income": "收入", "expense": "支出"},
    ("fund", "kind"): FUND_KINDS,
    ("calendar_day", "kind"): {"holiday": "节假日", "workday": "调休上班"},
    ("cobuild_item", "list_kind"): COBUILD_LISTS,
    ("cobuild_item", "status"): COBUILD_STATUS,
})

EVALUATION_METHODS: dict[str, str] = {
    "dispatch_review": "跟踪调度",
    "on_site_check": "实地查看",
    "interview": "座谈访谈",
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddMembersDialog</name>
    <message>
        <source>Add members</source>
        <translation>添加党员</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Expanded committee (part-time members)</source>
        <translation>大党委（兼职委员）</translation>
    </message>
    <message>
        <source>Organ cadres</source>
        <translation>机关干部</translation>
    </message>
    <message>
        <source>All organs</source>
        <translation>全部机关单位</translation>
    </message>
    <message>
        <source>All party members</source>
        <translation>全体党员</translation>
    </message>
    <message>
        <source>Full and probationary members</source>
        <translation>正式党员和预备党员</translation>
    </message>
    <message>
        <source>Full members only</source>
        <translation>仅正式党员</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Party group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>党员范围</translation>
    </message>
    <message>
        <source>Organ</source>
        <translation>机关单位</translation>
    </message>
    <message>
        <source>Choose a party group…</source>
        <translation>请选择党小组…</translation>
    </message>
</context>
<context>
    <name>AddPersonDialog</name>
    <message>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
</context>
<context>
    <name>AppealDetail</name>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Reminders and escalation</source>
        <translation>催办督办</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>经办人姓名</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Trail</source>
        <translation>办理轨迹</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>State after</source>
        <translation>办理后状态</translation>
    </message>
    <message>
        <source>Select an appeal in the list to see it here.</source>
        <translation>在上方列表中选择一条诉求，即可在此查看详情。</translation>
    </message>
    <message>
        <source>Appeal {number}</source>
        <translation>诉求 {number}</translation>
    </message>
    <message>
        <source>Requested until {date}, waiting for a decision</source>
        <translation>申请延期至 {date}，待审批</translation>
    </message>
    <message>
        <source>Reminded {n} time(s)</source>
        <translation>已催办 {n} 次</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已督办升级</translation>
    </message>
    <message>
        <source>Reopened {n} time(s)</source>
        <translation>重新办理 {n} 次</translation>
    </message>
    <message>
        <source>{date}, overdue by {n} working day(s)</source>
        <translation>{date}，已超期 {n} 个工作日</translation>
    </message>
    <message>
        <source>{date}, due today</source>
        <translation>{date}，今日到期</translation>
    </message>
    <message>
        <source>{date}, {n} working day(s) left</source>
        <translation>{date}，剩余 {n} 个工作日</translation>
    </message>
    <message>
        <source>Escalation comes after {n} working day(s) overdue</source>
        <translation>超期 {n} 个工作日后方可督办升级</translation>
    </message>
    <message>
        <source>Already escalated</source>
        <translation>已督办升级</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Correct a mistake in what was received; the change is kept in the trail.</source>
        <translation>更正受理时记错的内容，改动会记入办理轨迹。</translation>
    </message>
</context>
<context>
    <name>Appeals</name>
    <message>
        <source>Receive appeal</source>
        <translation>接诉</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Acknowledge receipt</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Handling note</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Decide on extension</source>
        <translation>延期审批</translation>
    </message>
    <message>
        <source>Approve extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <source>Refuse extension</source>
        <translation>不批准延期</translation>
    </message>
    <message>
        <source>Send reminder</source>
        <translation>催办</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>督办升级</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Reopened after a dissatisfied visit</source>
        <translation>回访不满意，重新办理</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Imported from an Excel ledger</source>
        <translation>从Excel台账导入</translation>
    </message>
</context>
<context>
    <name>AppealsPage</name>
    <message>
        <source>Appeals</source>
        <translation>诉求台账</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Deadlines and holidays…</source>
        <translation>办理时限与节假日…</translation>
    </message>
    <message>
        <source>{step}: appeal {number}</source>
        <translation>{step}：诉求 {number}</translation>
    </message>
    <message>
        <source>Send the appeal back for dispatching again, saying why.</source>
        <translation>退回后诉求将重新派单，请写明退回原因。</translation>
    </message>
    <message>
        <source>The current deadline is {date}.</source>
        <translation>当前办理时限为 {date}。</translation>
    </message>
    <message>
        <source>The deadline stays {date}.</source>
        <translation>办理时限仍为 {date}。</translation>
    </message>
    <message>
        <source>Record a reminder sent to {name}.</source>
        <translation>记录一次对“{name}”的催办。</translation>
    </message>
    <message>
        <source>Overdue by {n} working day(s).</source>
        <translation>已超期 {n} 个工作日。</translation>
    </message>
    <message>
        <source>A dissatisfied resident reopens the appeal for handling.</source>
        <translation>群众不满意的，诉求将重新进入办理。</translation>
    </message>
    <message>
        <source>Acknowledge receipt of appeal {number} for {assignee}, handled by {actor}?</source>
        <translation>以“{assignee}”名义签收诉求 {number}？经办人：{actor}</translation>
    </message>
    <message>
        <source>Correct appeal {number}</source>
        <translation>修改诉求 {number}</translation>
    </message>
    <message>
        <source>Supervision of appeals</source>
        <translation>民生诉求督办</translation>
    </message>
</context>
<context>
    <name>AppraisalPage</name>
    <message>
        <source>Report and appraisal material</source>
        <translation>述职评议考核材料</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>The secretary&apos;s report: what was done this year, the problems, next year&apos;s plans…</source>
        <translation>书记述职报告：本年度做了哪些工作、存在的问题、明年的打算……</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出PDF…</translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation>导出Word…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>The secretary&apos;s report</source>
        <translation>书记述职报告</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Nothing written for this year yet</source>
        <translation>本年度尚未撰写</translation>
    </message>
    <message>
        <source>Not saved yet…</source>
        <translation>尚未保存…</translation>
    </message>
    <message>
        <source>Edit the secretary&apos;s report {year}</source>
        <translation>修改{year}年度书记述职报告</translation>
    </message>
    <message>
        <source>Report and appraisal material {year}</source>
        <translation>{year}年度述职评议考核材料</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export Word</source>
        <translation>导出Word</translation>
    </message>
    <message>
        <source>Word files (*.docx)</source>
        <translation>Word 文件 (*.docx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Saved to {path} ({count} pages)</source>
        <translation>已保存到 {path}（共 {count} 页）</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>“{path}” could not be written: it may be open in another program, or the folder may be read-only. Close it or choose another place; nothing was changed.</source>
        <translation>无法写入“{path}”：它可能正被其他程序打开，或文件夹是只读的。请关闭它或换个位置；什么都没有改动。</translation>
    </message>
    <message>
        <source>“{path}” could not be written: {reason}</source>
        <translation>无法写入“{path}”：{reason}</translation>
    </message>
    <message>
        <source>Assembling the report and appraisal material…</source>
        <translation>正在汇总述职评议考核材料…</translation>
    </message>
    <message>
        <source>The material assembles the year&apos;s figures from the ledgers: the three meetings and one lesson against the rules with the gaps named, secretary projects, appeals, the work day by organ, the five guarantees, funds and training. Write your own report below; it opens the material.</source>
        <translation>材料从各台账汇总本年度数据：“三会一课”对照规定的落实情况（列明缺项）、书记项目、民生诉求、分单位的社区工作日反馈、“五包保”、经费和培训。请在下面撰写书记述职报告，它放在材料的开头。</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Add a scanned sheet…</source>
        <translation>添加签到表扫描件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Scanned sheet</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.pdf *.tif *.tiff)</source>
        <translation>图片和PDF (*.jpg *.jpeg *.png *.pdf *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Remove this file from the meeting?</source>
        <translation>从本次会议中移除这个文件吗？</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
</context>
<context>
    <name>AttendancePanel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Party group / building / unit</source>
        <translation>党小组/楼栋/单位</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出席情况</translation>
    </message>
    <message>
        <source>Reason for leave</source>
        <translation>请假事由</translation>
    </message>
    <message>
        <source>Signed in at</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation>添加党员…</translation>
    </message>
    <message>
        <source>Add a person…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>On leave…</source>
        <translation>请假…</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Expected {e}, present {p}, on leave {l}, absent {a}</source>
        <translation>应到 {e} 人，实到 {p} 人，请假 {l} 人，缺席 {a} 人</translation>
    </message>
    <message>
        <source>Quorum met: {present} of {total} full members present (at least {need})</source>
        <translation>符合法定人数：正式党员 {total} 人，到会 {present} 人（须至少 {need} 人）</translation>
    </message>
    <message>
        <source>Quorum NOT met: {present} of {total} full members present (at least {need})</source>
        <translation>不足法定人数：正式党员 {total} 人，到会 {present} 人（须至少 {need} 人）</translation>
    </message>
    <message>
        <source>Add attendees</source>
        <translation>添加参会人员</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Reason for leave:</source>
        <translation>请假事由：</translation>
    </message>
    <message>
        <source>Record attendance</source>
        <translation>登记出席情况</translation>
    </message>
    <message>
        <source>Remove attendees</source>
        <translation>移除参会人员</translation>
    </message>
    <message>
        <source>Not held yet</source>
        <translation>未召开</translation>
    </message>
    <message>
        <source>Not held yet: expected {e}, on leave {l}</source>
        <translation>会议尚未召开：应到 {e} 人，已请假 {l} 人</translation>
    </message>
    <message>
        <source>Attendance of {topic}, {time}</source>
        <translation>{topic}（{time}）出席情况</translation>
    </message>
</context>
<context>
    <name>AttendeeProposal</name>
    <message>
        <source>Attendees can be added after saving, on the Attendance tab below the list.</source>
        <translation>保存后可在列表下方的“出席情况”页添加参会人员。</translation>
    </message>
    <message>
        <source>Expected attendees: %1 of %2 ticked. They are put on the sign-in sheet when the meeting is saved.</source>
        <translation>应到人员：已勾选 %1 人（共 %2 人），保存会议时一并列入签到表。</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>due, not done yet</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>{year}: {projects} project(s), {overdue} overdue milestone(s)</source>
        <translation>{year} 年：项目 {projects} 个，逾期节点 {overdue} 个</translation>
    </message>
</context>
<context>
    <name>CommunityPage</name>
    <message>
        <source>Your community</source>
        <translation>本社区</translation>
    </message>
    <message>
        <source>Enter the community this PC keeps the ledgers of. The code is the one the district gave the community.</source>
        <translation>请填写本机所记台账的社区。社区代码以区里下发的为准。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Keep this computer&apos;s value</source>
        <translation>保留本机的值</translation>
    </message>
    <message>
        <source>Keep the other value</source>
        <translation>保留另一个值</translation>
    </message>
    <message>
        <source>Edited on this computer (lost)</source>
        <translation>本机的修改（未生效）</translation>
    </message>
    <message>
        <source>Edited elsewhere, later (now in place)</source>
        <translation>其他电脑较晚的修改（当前生效）</translation>
    </message>
    <message>
        <source>No conflicts wait for review.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>This year&apos;s work</source>
        <translation>本年度工作</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知公告</translation>
    </message>
    <message>
        <source>Compounds under guarantee</source>
        <translation>包保小区</translation>
    </message>
    <message>
        <source>Building party groups</source>
        <translation>楼栋党小组</translation>
    </message>
    <message>
        <source>Homeowner committees</source>
        <translation>业主委员会</translation>
    </message>
    <message>
        <source>Red property branches</source>
        <translation>红色物业党支部</translation>
    </message>
    <message>
        <source>Secretary projects claimed / done</source>
        <translation>书记项目 认领/完成</translation>
    </message>
    <message>
        <source>Appeals received / resolved</source>
        <translation>民生诉求 受理/解决</translation>
    </message>
    <message>
        <source>Appeals overdue</source>
        <translation>超期诉求</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Work-day cadres</source>
        <translation>工作日干部人数</translation>
    </message>
    <message>
        <source>Party lessons</source>
        <translation>党课</translation>
    </message>
    <message>
        <source>Assistance pairings</source>
        <translation>结对帮扶</translation>
    </message>
    <message>
        <source>Goods donated (yuan)</source>
        <translation>捐赠物资（元）</translation>
    </message>
    <message>
        <source>Training attendances</source>
        <translation>培训人次</translation>
    </message>
    <message>
        <source>Appeals</source>
        <translation>民生诉求</translation>
    </message>
    <message>
        <source>Secretary projects</source>
        <translation>书记项目</translation>
    </message>
    <message>
        <source>Received / claimed</source>
        <translation>受理/认领</translation>
    </message>
    <message>
        <source>Resolved / done</source>
        <translation>解决/完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Appeals and secretary projects, {year}</source>
        <translation>{year} 年民生诉求与书记项目</translation>
    </message>
    <message>
        <source>Nothing overdue or due soon.</source>
        <translation>没有超期或临期事项。</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notice(s)</source>
        <translation>
            <numerusform>%n 条未读通知</numerusform>
        </translation>
    </message>
    <message>
        <source>No unread notices.</source>
        <translation>没有未读通知。</translation>
    </message>
    <message>
        <source>No notices yet.</source>
        <translation>还没有通知。</translation>
    </message>
    <message>
        <source>Appeal overdue (due {due}): {title}</source>
        <translation>诉求已超期（期限 {due}）：{title}</translation>
    </message>
    <message>
        <source>Appeal due {due}: {title}</source>
        <translation>诉求临近期限（{due}）：{title}</translation>
    </message>
    <message>
        <source>{n} sync conflicts to review: edits made here that lost to newer ones from elsewhere</source>
        <translation>有 {n} 处同步冲突待核对：本机的修改被别处更新的修改覆盖了</translation>
    </message>
    <message>
        <source>No {kind} held this quarter yet</source>
        <translation>本季度尚未召开{kind}</translation>
    </message>
    <message>
        <source>Milestone overdue (due {due}): {project} ({secretary}) · {title}</source>
        <translation>项目节点已超期（期限 {due}）：{project}（{secretary}）· {title}</translation>
    </message>
    <message>
        <source>Milestone due {due}: {project} ({secretary}) · {title}</source>
        <translation>项目节点将到期（{due}）：{project}（{secretary}）· {title}</translation>
    </message>
</context>
<context>
    <name>DataFolderPage</name>
    <message>
        <source>Where to keep the data</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <source>The ledgers are kept in one database file in this folder. Choose a folder that is backed up.</source>
        <translation>台账保存在此文件夹中的一个数据库文件里。请选择有备份的文件夹。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择文件夹。</translation>
    </message>
    <message>
        <source>This folder cannot be written to. Choose another one.</source>
        <translation>此文件夹无法写入，请另选一个。</translation>
    </message>
    <message>
        <source>This folder is on another computer (a network drive). Keep the ledger on this computer&apos;s own disk: a database on a shared folder can be damaged.</source>
        <translation>此文件夹在另一台计算机上（网络驱动器）。请把台账保存在本机硬盘上：放在共享文件夹中的数据库可能损坏。</translation>
    </message>
</context>
<context>
    <name>DatabaseExport</name>
    <message>
        <source>Export the whole ledger to Excel</source>
        <translation>导出整个台账到Excel</translation>
    </message>
    <message>
        <source>Whole ledger.xlsx</source>
        <translation>全部台账.xlsx</translation>
    </message>
    <message>
        <source>{count} record(s) saved to {path}, one sheet for each kind of record.</source>
        <translation>已将{count}条记录保存到 {path}，每类记录一张工作表。</translation>
    </message>
    <message>
        <source>ID numbers and phone numbers are in full.</source>
        <translation>身份证号和电话为完整号码。</translation>
    </message>
    <message>
        <source>ID numbers and phone numbers are partly hidden, as on screen.</source>
        <translation>身份证号和电话与屏幕上一样隐去了部分数字。</translation>
    </message>
    <message>
        <source>Exporting the whole ledger…</source>
        <translation>正在导出整个台账…</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch appeal</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>{date} (the same day)</source>
        <translation>{date}（当日办结）</translation>
    </message>
    <message>
        <source>{date} ({n} working days)</source>
        <translation>{date}（{n} 个工作日）</translation>
    </message>
    <message>
        <source>Type the department, e.g. the street&apos;s construction office</source>
        <translation>请输入职能部门，如街道城建办</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol with the city server</source>
        <translation>向市级服务器注册</translation>
    </message>
    <message>
        <source>This computer&apos;s fingerprint: {fp}</source>
        <translation>本机指纹：{fp}</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Enrolment code from the district office:</source>
        <translation>区里提供的注册码：</translation>
    </message>
    <message>
        <source>Enrolled. Read these fingerprints to the district office staff; they must match what the server shows.
City server: {server}
This computer: {own}</source>
        <translation>注册成功。请把下面的指纹念给区里的工作人员核对，应与服务器显示的一致。
市级服务器：{server}
本机：{own}</translation>
    </message>
    <message>
        <source>This is computer number {n} of the community: appeal numbers given here end in -{n}.</source>
        <translation>本机是本社区的第 {n} 台电脑：在本机登记的诉求编号以 -{n} 结尾。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>City server address (leave empty to sync by USB drive only):</source>
        <translation>市级服务器地址（只用U盘同步时留空）：</translation>
    </message>
</context>
<context>
    <name>ErrorNotifier</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that the program did not expect. What you were doing just now may not have been saved; everything saved before is safe.

The details are in {path}. Please send this file to whoever looks after the program.</source>
        <translation>程序遇到了意外错误。刚才的操作可能没有保存；之前保存的内容都是安全的。

详细情况已记入 {path}，请把这个文件发给负责维护本程序的人员。</translation>
    </message>
</context>
<context>
    <name>ExcelImport</name>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Already in the ledger, changed</source>
        <translation>台账中已有，有变化</translation>
    </message>
    <message>
        <source>Already in the ledger, unchanged</source>
        <translation>台账中已有，无变化</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不能导入</translation>
    </message>
</context>
<context>
    <name>ExcelImportWizard</name>
    <message>
        <source>Import from Excel</source>
        <translation>从Excel导入</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading the workbook…</source>
        <translation>正在读取工作簿…</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>错误原因</translation>
    </message>
    <message>
        <source>Saving the refused rows…</source>
        <translation>正在保存未导入的行…</translation>
    </message>
    <message>
        <source>Import {count} {kind} from Excel</source>
        <translation>从Excel导入{count}条{kind}</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>{imported} imported, {updated} updated, {skipped} skipped, {refused} refused. Edit → Undo takes the import back.</source>
        <translation>新增{imported}条，更新{updated}条，跳过{skipped}条，未导入{refused}行。可用“编辑 → 撤销”撤回本次导入。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export sync package</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>{n} changes wait to go out: {tables}</source>
        <translation>有 {n} 项变更待发送：{tables}</translation>
    </message>
    <message>
        <source>No changes wait to go out; the package still tells the city server what this computer has received.</source>
        <translation>没有待发送的变更；同步包仍会告诉市级服务器本机已收到哪些数据。</translation>
    </message>
    <message>
        <source>Other folder...</source>
        <translation>其他文件夹…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the package to (removable drives first):</source>
        <translation>同步包保存到（U盘优先）：</translation>
    </message>
    <message>
        <source>USB drive: {path}</source>
        <translation>U盘：{path}</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>请选择同步包的保存位置。</translation>
    </message>
    <message>
        <source>Writing the sync package…</source>
        <translation>正在写入同步包…</translation>
    </message>
    <message>
        <source>The package could not be written: {error}</source>
        <translation>同步包无法写入：{error}</translation>
    </message>
    <message>
        <source>Written to {file}: {n} changes ({tables}). Take the USB drive to the district office.</source>
        <translation>已写入 {file}：{n} 项变更（{tables}）。请把U盘带到区里导入。</translation>
    </message>
    <message>
        <source>{n} of them were made while this computer&apos;s date was set ahead; they now carry today&apos;s date.</source>
        <translation>其中 {n} 条是在本机日期被调快时录入的，已改按今天的日期标记。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to Community Ledger</source>
        <translation>欢迎使用社区党建台账</translation>
    </message>
</context>
<context>
    <name>FundsPage</name>
    <message>
        <source>Entries</source>
        <translation>收支明细</translation>
    </message>
    <message>
        <source>Ledger with running balance</source>
        <translation>明细账（含余额）</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费科目</translation>
    </message>
</context>
<context>
    <name>GuaranteesPage</name>
    <message>
        <source>Compound guarantees (five tasks)</source>
        <translation>小区包保（五包保）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Double-click a task to record its status, date and note.</source>
        <translation>双击任务格，登记其状态、日期和备注。</translation>
    </message>
    <message>
        <source>{compounds} compound(s) under guarantee by {leaders} leader(s); all five tasks done in {all_done}.</source>
        <translation>包保小区 {compounds} 个，包保领导 {leaders} 名；五项任务全部完成的小区 {all_done} 个。</translation>
    </message>
    <message>
        <source>{count} compound(s) have no leader yet.</source>
        <translation>另有 {count} 个小区尚未明确包保领导。</translation>
    </message>
    <message>
        <source>Delete the guarantee of “{name}” and its five tasks?
You can undo this with Ctrl+Z.</source>
        <translation>确定删除“{name}”的包保及其五项任务吗？
可以按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Set “{task}” of {compound}</source>
        <translation>登记{compound}的“{task}”</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>new record in the open list</source>
        <translation>在当前列表中新建记录</translation>
    </message>
    <message>
        <source>edit the selected record</source>
        <translation>修改选中的记录</translation>
    </message>
    <message>
        <source>delete the selected record (asks first)</source>
        <translation>删除选中的记录（会先确认）</translation>
    </message>
    <message>
        <source>undo the last change</source>
        <translation>撤销上一步修改</translation>
    </message>
    <message>
        <source>redo the change undone</source>
        <translation>恢复刚撤销的修改</translation>
    </message>
    <message>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>this help</source>
        <translation>打开本帮助</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Add the attendees of a meeting</source>
        <translation>为会议添加参会人员</translation>
    </message>
    <message>
        <source>Open {meetings} on the left and select the meeting (or click {new} to enter it).</source>
        <translation>在左侧打开{meetings}，选中这次会议（或点{new}录入会议）。</translation>
    </message>
    <message>
        <source>On the {tab} tab click {add}, choose the party group (or all members) and click OK: they are listed as expected attendees.</source>
        <translation>在{tab}页点{add}，选择党小组（或全体党员）后点“确定”，这些党员即列为应到人员。</translation>
    </message>
    <message>
        <source>Mark each person {present}, {leave} (with the reason) or {absent}.</source>
        <translation>逐人标记{present}、{leave}（填写事由）或{absent}。</translation>
    </message>
    <message>
        <source>Print a sign-in sheet</source>
        <translation>打印签到表</translation>
    </message>
    <message>
        <source>Select the meeting in {meetings} and press Ctrl+P.</source>
        <translation>在{meetings}中选中会议，按 Ctrl+P。</translation>
    </message>
    <message>
        <source>Choose {sheet}: the preview shows the sheet with every expected attendee.</source>
        <translation>选择{sheet}：预览中列出全部应到人员。</translation>
    </message>
    <message>
        <source>Click {print} to print it, or {save} to keep a copy.</source>
        <translation>点{print}打印，或点{save}保存一份。</translation>
    </message>
    <message>
        <source>Exchange a sync package on a USB drive</source>
        <translation>用U盘交换同步包</translation>
    </message>
    <message>
        <source>Insert the USB drive and choose {sync} → {export}; the drive is chosen already. Click {button} and take the drive to the district office.</source>
        <translation>插入U盘，选择{sync} → {export}，U盘已自动选中。点{button}，再把U盘送到区里。</translation>
    </message>
    <message>
        <source>When the drive comes back with the city&apos;s package, choose {sync} → {import_} and pick the file: a report says what arrived and what needs your review.</source>
        <translation>U盘带回市里的同步包后，选择{sync} → {import_}并选中该文件：报告会列出收到的内容和需要您核对的地方。</translation>
    </message>
    <message>
        <source>Using Community Ledger</source>
        <translation>使用社区党建台账</translation>
    </message>
    <message>
        <source>Choose a list on the left. Type in the search box to find records as you type (a name&apos;s pinyin or its initials work too); pick a compound or party group to narrow the list. Click a column header to sort.</source>
        <translation>在左侧选择一个列表。在搜索框中输入即可随打随查（也可输入姓名的全拼或拼音首字母）；选择小区或党小组可缩小范围。点击列标题可排序。</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>ID numbers and phone numbers are shown masked. Use {view} → {full}, or the {show} button beside the number in a form (it then reads {hide}), to see them.</source>
        <translation>身份证号和电话默认部分隐藏。要查看完整号码，请用{view} → {full}，或点表单中号码旁的{show}按钮（点后按钮变为{hide}）。</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>您的数据</translation>
    </message>
    <message>
        <source>Everything is saved at once in the database file on this PC; a backup copy is made every day and before the app upgrades it.</source>
        <translation>所有内容都会立即保存到本机的数据库文件中；程序每天自动备份，升级前也会先备份。</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Sync history</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更数</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>File or server</source>
        <translation>文件或服务器</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器拒收</translation>
    </message>
    <message>
        <source>Network: {url}</source>
        <translation>网络：{url}</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>This package was already imported; nothing was changed.</source>
        <translation>这个同步包已经导入过，没有任何改动。</translation>
    </message>
    <message>
        <source>Imported {imported}, updated {updated}, deleted {deleted}, ignored {ignored} (already here or older). {acked} changes of this computer were confirmed as received.</source>
        <translation>新增 {imported} 条，更新 {updated} 条，删除 {deleted} 条，忽略 {ignored} 条（已有或较旧）。本机 {acked} 项变更已确认送达。</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{n} of your edits were overwritten by newer edits made elsewhere; review them.</source>
        <translation>本机有 {n} 处修改被其他地方更新的修改覆盖，请核对。</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>没有冲突。</translation>
    </message>
    <message>
        <source>Review conflicts...</source>
        <translation>核对冲突…</translation>
    </message>
    <message>
        <source>Changes that could not be applied:</source>
        <translation>未能导入的变更：</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>The clocks disagree: the package says it was made at {theirs} (UTC), but this computer&apos;s clock says {ours} (UTC). Check the date and time of both computers; the data is safe.</source>
        <translation>两台电脑的时钟不一致：同步包显示生成于 {theirs}（世界协调时），而本机时钟是 {ours}（世界协调时）。请检查两台电脑的日期和时间；数据不受影响。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Part-time committee member</source>
        <translation>大党委兼职委员</translation>
    </message>
    <message>
        <source>Property company</source>
        <translation>物业公司</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Party group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Homeowner committee</source>
        <translation>业主委员会</translation>
    </message>
    <message>
        <source>Homeowner committee member</source>
        <translation>业委会成员</translation>
    </message>
    <message>
        <source>Red property branch</source>
        <translation>红色物业党支部</translation>
    </message>
    <message>
        <source>Resident unit</source>
        <translation>驻区单位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Buildings covered</source>
        <translation>覆盖楼栋</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Leader&apos;s phone</source>
        <translation>负责人电话</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>书记</translation>
    </message>
    <message>
        <source>Secretary&apos;s phone</source>
        <translation>书记电话</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Community code</source>
        <translation>社区代码</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>District</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <source>Name of the party organisation</source>
        <translation>党组织名称</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>建筑面积（平方米）</translation>
    </message>
    <message>
        <source>Property fee (yuan/m²/month)</source>
        <translation>物业费标准（元/平方米·月）</translation>
    </message>
    <message>
        <source>Fee collection rate (%)</source>
        <translation>物业费收缴率（%）</translation>
    </message>
    <message>
        <source>Homeowner committee set up</source>
        <translation>业委会成立</translation>
    </message>
    <message>
        <source>Red property branch set up</source>
        <translation>已建红色物业党支部</translation>
    </message>
    <message>
        <source>Building number</source>
        <translation>楼号</translation>
    </message>
    <message>
        <source>Entrances</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Joined the Party</source>
        <translation>入党日期</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>党员类别</translation>
    </message>
    <message>
        <source>Becomes full member on</source>
        <translation>转正日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>In-service registration</source>
        <translation>在职党员报到</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Term starts</source>
        <translation>任期开始</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>任期结束</translation>
    </message>
    <message>
        <source>Party members among them</source>
        <translation>其中党员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Compounds served</source>
        <translation>服务小区数</translation>
    </message>
    <message>
        <source>Its party organisation</source>
        <translation>单位党组织</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Compound name</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Community name</source>
        <translation>社区名称</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>党小组名称</translation>
    </message>
    <message>
        <source>Branch name</source>
        <translation>支部名称</translation>
    </message>
    <message>
        <source>Group type</source>
        <translation>党小组类型</translation>
    </message>
    <message>
        <source>Unit type</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <source>Community Party committee</source>
        <translation>社区党委</translation>
    </message>
    <message>
        <source>General Party branch</source>
        <translation>社区党总支</translation>
    </message>
    <message>
        <source>Party branch</source>
        <translation>社区党支部</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Full member</source>
        <translation>正式党员</translation>
    </message>
    <message>
        <source>Probationary member</source>
        <translation>预备党员</translation>
    </message>
    <message>
        <source>Building party group</source>
        <translation>楼栋党小组</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Government organ</source>
        <translation>机关单位</translation>
    </message>
    <message>
        <source>Social organisation</source>
        <translation>社会组织</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>Too long: at most {max} characters.</source>
        <translation>内容过长：最多 {max} 个字。</translation>
    </message>
    <message>
        <source>Enter a whole number, such as 12.</source>
        <translation>请输入整数，例如 12。</translation>
    </message>
    <message>
        <source>Enter a number, such as 0.35.</source>
        <translation>请输入数字，例如 0.35。</translation>
    </message>
    <message>
        <source>At most {scale} digits after the decimal point.</source>
        <translation>小数点后最多 {scale} 位。</translation>
    </message>
    <message>
        <source>Must be at least {min}.</source>
        <translation>不能小于 {min}。</translation>
    </message>
    <message>
        <source>Must be at most {max}.</source>
        <translation>不能大于 {max}。</translation>
    </message>
    <message>
        <source>Enter a date such as 2024-03-05.</source>
        <translation>请输入日期，例如 2024-03-05。</translation>
    </message>
    <message>
        <source>Enter a date and time such as 2024-03-05 14:30.</source>
        <translation>请输入日期和时间，例如 2024-03-05 14:30。</translation>
    </message>
    <message>
        <source>These records are changed through their own ledger.</source>
        <translation>这类记录须在其台账中修改。</translation>
    </message>
    <message>
        <source>The year must be between 1900 and 2100.</source>
        <translation>年份须在 1900 至 2100 之间。</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>该日期晚于今天。</translation>
    </message>
    <message>
        <source>Must be later than {after}.</source>
        <translation>须晚于“{after}”。</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <source>Not a phone number: use 11 digits for a mobile or 0436-1234567 for a landline.</source>
        <translation>电话号码格式不对：手机为 11 位数字，座机如 0436-1234567。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters: 17 digits and a final digit or X.</source>
        <translation>身份证号应为 18 位：前 17 位为数字，最后一位为数字或 X。</translation>
    </message>
    <message>
        <source>A community code is the 12-digit administrative division code, or the 9 digits of its street (such as 220802001).</source>
        <translation>社区代码应为 12 位行政区划代码，或其所属街道的 9 位代码（如 220802001）。</translation>
    </message>
    <message>
        <source>The date of birth inside the ID number is not a real date.</source>
        <translation>身份证号中的出生日期无效。</translation>
    </message>
    <message>
        <source>The check digit does not match: a digit of the ID number is wrong.</source>
        <translation>身份证号校验位不符，请核对是否有数字输错。</translation>
    </message>
    <message>
        <source>The ID number does not match the date of birth.</source>
        <translation>身份证号与出生日期不一致。</translation>
    </message>
    <message>
        <source>The ID number does not match the gender.</source>
        <translation>身份证号与性别不一致。</translation>
    </message>
    <message>
        <source>A member must be at least 18 when joining the Party.</source>
        <translation>入党时须年满 18 周岁。</translation>
    </message>
    <message>
        <source>Enter the date a probationary member becomes a full member.</source>
        <translation>预备党员须填写转正日期。</translation>
    </message>
    <message>
        <source>Enter the employer of an in-service member.</source>
        <translation>在职党员须填写工作单位。</translation>
    </message>
    <message>
        <source>A building party group covers at least one building.</source>
        <translation>楼栋党小组至少要覆盖一栋楼。</translation>
    </message>
    <message>
        <source>This building is not in the chosen compound.</source>
        <translation>该楼栋不属于所选小区。</translation>
    </message>
    <message>
        <source>The chosen record no longer exists.</source>
        <translation>所选记录已不存在。</translation>
    </message>
    <message>
        <source>A record with this value already exists.</source>
        <translation>已有相同内容的记录。</translation>
    </message>
    <message>
        <source>It cannot be deleted: {count} record(s) of “{kind}” still refer to it.</source>
        <translation>不能删除：还有 {count} 条“{kind}”记录与它关联。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>This database has no community yet.</source>
        <translation>此数据库还没有社区信息。</translation>
    </message>
    <message>
        <source>This record is kept by the city and comes with sync; it cannot be changed here.</source>
        <translation>这条记录由市里统一维护，通过同步下发，不能在此修改。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Residents&apos; appeal</source>
        <translation>民生诉求</translation>
    </message>
    <message>
        <source>Holiday or make-up workday</source>
        <translation>节假日与调休</translation>
    </message>
    <message>
        <source>Appeal number</source>
        <translation>诉求编号</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>接诉时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>诉求人</translation>
    </message>
    <message>
        <source>Resident&apos;s phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address or building</source>
        <translation>地址或楼栋</translation>
    </message>
    <message>
        <source>Content of the appeal</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <source>Dispatch to</source>
        <translation>派往</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Return-visit result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Extend to</source>
        <translation>延期至</translation>
    </message>
    <message>
        <source>Reply to the resident</source>
        <translation>答复群众</translation>
    </message>
    <message>
        <source>Resident&apos;s verdict</source>
        <translation>群众评价</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type of day</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Holiday name</source>
        <translation>节日名称</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <source>App</source>
        <translation>手机App</translation>
    </message>
    <message>
        <source>Walk-in visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Request for help</source>
        <translation>求助</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接诉</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>职能部门</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Mostly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>“{step}” is not possible while the appeal is “{state}”.</source>
        <translation>诉求当前为“{state}”，不能进行“{step}”。</translation>
    </message>
    <message>
        <source>An extension request is already waiting for a decision.</source>
        <translation>已有延期申请等待审批。</translation>
    </message>
    <message>
        <source>The deadline {deadline} has passed: an extension must be requested before it.</source>
        <translation>办理时限 {deadline} 已过，延期须在时限前申请。</translation>
    </message>
    <message>
        <source>There is no extension request to decide.</source>
        <translation>没有待审批的延期申请。</translation>
    </message>
    <message>
        <source>This appeal has already been escalated.</source>
        <translation>该诉求已督办升级。</translation>
    </message>
    <message>
        <source>An appeal is escalated after {required} working days overdue; this one is {overdue}.</source>
        <translation>超期 {required} 个工作日方可督办升级，该诉求目前超期 {overdue} 个工作日。</translation>
    </message>
    <message>
        <source>Only an appeal not yet dispatched can be deleted; the trail of this one is kept.</source>
        <translation>只能删除尚未派单的诉求；此诉求的办理轨迹须保留。</translation>
    </message>
    <message>
        <source>Unknown setting.</source>
        <translation>未知的设置项。</translation>
    </message>
    <message>
        <source>There is no working day within a year of this date.</source>
        <translation>此日期之后一年内没有工作日。</translation>
    </message>
    <message>
        <source>There is no published holiday arrangement for {year}.</source>
        <translation>没有 {year} 年的法定节假日安排。</translation>
    </message>
    <message>
        <source>Compound guarantee</source>
        <translation>小区包保</translation>
    </message>
    <message>
        <source>Guarantee task</source>
        <translation>包保任务</translation>
    </message>
    <message>
        <source>Responsible leader</source>
        <translation>包保领导</translation>
    </message>
    <message>
        <source>Leader&apos;s post</source>
        <translation>领导职务</translation>
    </message>
    <message>
        <source>Leader&apos;s unit</source>
        <translation>领导所在单位</translation>
    </message>
    <message>
        <source>Organ</source>
        <translation>所属机关</translation>
    </message>
    <message>
        <source>Guaranteed since</source>
        <translation>包保起始日期</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>已完成任务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Property company brought in</source>
        <translation>物业公司引进</translation>
    </message>
    <message>
        <source>Property fee standard set</source>
        <translation>物业费标准确定</translation>
    </message>
    <message>
        <source>Property fees collected</source>
        <translation>物业费收缴</translation>
    </message>
    <message>
        <source>Routine operation established</source>
        <translation>常态化运行机制</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Secretary project</source>
        <translation>书记项目</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Secretary level</source>
        <translation>书记层级</translation>
    </message>
    <message>
        <source>Claiming secretary</source>
        <translation>认领书记</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Problem it solves</source>
        <translation>解决的问题</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>主要举措</translation>
    </message>
    <message>
        <source>Project team</source>
        <translation>项目团队</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>项目成效</translation>
    </message>
    <message>
        <source>Residents&apos; feedback</source>
        <translation>群众反馈</translation>
    </message>
    <message>
        <source>Milestones done</source>
        <translation>已完成节点</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>计划完成日期</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Evaluation method</source>
        <translation>评价方式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>评价意见</translation>
    </message>
    <message>
        <source>Residents&apos; satisfaction (%)</source>
        <translation>群众满意度（%）</translation>
    </message>
    <message>
        <source>Evaluated by</source>
        <translation>评价人</translation>
    </message>
    <message>
        <source>Community Party organisation</source>
        <translation>社区党组织</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>已认领</translation>
    </message>
    <message>
        <source>Project closed</source>
        <translation>已结项</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>年初建账</translation>
    </message>
    <message>
        <source>Mid-year check</source>
        <translation>年中查账</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>年底交账</translation>
    </message>
    <message>
        <source>Dispatch review</source>
        <translation>跟踪调度</translation>
    </message>
    <message>
        <source>On-site check</source>
        <translation>实地查看</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>座谈访谈</translation>
    </message>
    <message>
        <source>{count} milestone(s) are not done yet, so the project cannot be marked done.</source>
        <translation>还有 {count} 个节点未完成，项目不能设为已完成。</translation>
    </message>
    <message>
        <source>Meeting or activity</source>
        <translation>会议活动</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>For</source>
        <translation>发布范围</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Published by</source>
        <translation>发布人</translation>
    </message>
    <message>
        <source>The whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>District {district}</source>
        <translation>{district}</translation>
    </message>
    <message>
        <source>Street {street}, {district}</source>
        <translation>{district}{street}</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知公告</translation>
    </message>
    <message>
        <source>Work-day record</source>
        <translation>工作日记录</translation>
    </message>
    <message>
        <source>Organ cadre</source>
        <translation>机关干部</translation>
    </message>
    <message>
        <source>Fund</source>
        <translation>经费科目</translation>
    </message>
    <message>
        <source>Fund entry</source>
        <translation>经费收支</translation>
    </message>
    <message>
        <source>Training record</source>
        <translation>培训记录</translation>
    </message>
    <message>
        <source>Co-construction item</source>
        <translation>共建清单事项</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Key points</source>
        <translation>发言要点</translation>
    </message>
    <message>
        <source>Differing views</source>
        <translation>不同意见</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决定事项</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Expected count</source>
        <translation>应到人数</translation>
    </message>
    <message>
        <source>Present count</source>
        <translation>实到人数</translation>
    </message>
    <message>
        <source>On-leave count</source>
        <translation>请假人数</translation>
    </message>
    <message>
        <source>Cadre</source>
        <translation>干部</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>Party lesson given</source>
        <translation>送党课</translation>
    </message>
    <message>
        <source>Household paired with</source>
        <translation>结对帮扶户</translation>
    </message>
    <message>
        <source>Appeal solved</source>
        <translation>解决诉求</translation>
    </message>
    <message>
        <source>Goods donated (yuan)</source>
        <translation>捐赠物资（元）</translation>
    </message>
    <message>
        <source>Confirmed by the community</source>
        <translation>社区确认</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Income or expense</source>
        <translation>收支</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Opening balance (yuan)</source>
        <translation>期初余额（元）</translation>
    </message>
    <message>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>参训人员</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>培训内容</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>具体内容</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Units involved</source>
        <translation>参与单位数</translation>
    </message>
    <message>
        <source>Resident units involved</source>
        <translation>参与的驻区单位</translation>
    </message>
    <message>
        <source>Cadres</source>
        <translation>干部</translation>
    </message>
    <message>
        <source>Work-day visits</source>
        <translation>工作日人次</translation>
    </message>
    <message>
        <source>Branch general meeting</source>
        <translation>支部党员大会</translation>
    </message>
    <message>
        <source>Branch committee meeting</source>
        <translation>支委会</translation>
    </message>
    <message>
        <source>Party group meeting</source>
        <translation>党小组会</translation>
    </message>
    <message>
        <source>Party lesson</source>
        <translation>党课</translation>
    </message>
    <message>
        <source>Themed party day</source>
        <translation>主题党日</translation>
    </message>
    <message>
        <source>Joint meeting with resident units</source>
        <translation>党建联席会议</translation>
    </message>
    <message>
        <source>Community work day activity</source>
        <translation>社区工作日活动</translation>
    </message>
    <message>
        <source>Training session</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Party-building funds</source>
        <translation>党建经费</translation>
    </message>
    <message>
        <source>Funds for serving residents</source>
        <translation>服务群众专项经费</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求清单</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>资源清单</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目清单</translation>
    </message>
    <message>
        <source>Responsibilities</source>
        <translation>责任清单</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>The file {path} cannot be found.</source>
        <translation>找不到文件 {path}。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: another program may be using it. Close it and try again.</source>
        <translation>无法读取文件 {path}：可能有其他程序正在使用它。请关闭后重试。</translation>
    </message>
    <message>
        <source>Refused: this expense would take the fund&apos;s balance below zero.</source>
        <translation>不能登记：这笔支出将使该经费余额小于零。</translation>
    </message>
    <message>
        <source>The file changed while it was being copied; try again.</source>
        <translation>文件在复制过程中发生了变化，请重试。</translation>
    </message>
    <message>
        <source>This time is not in the month of the record.</source>
        <translation>该时间不在本条记录的月份内。</translation>
    </message>
    <message>
        <source>Enter an amount in yuan, such as 120.50.</source>
        <translation>请输入金额（元），例如 120.50。</translation>
    </message>
    <message>
        <source>This cannot be changed once recorded.</source>
        <translation>登记后不能修改此项。</translation>
    </message>
    <message>
        <source>This file cannot be read as a workbook or a CSV file.</source>
        <translation>无法读取该文件：不是工作簿或CSV文件。</translation>
    </message>
    <message>
        <source>The workbook has no sheet named “{sheet}”.</source>
        <translation>工作簿中没有名为“{sheet}”的工作表。</translation>
    </message>
    <message>
        <source>No header row with known column names was found.</source>
        <translation>没有找到含常用列名的表头行。</translation>
    </message>
    <message>
        <source>“{name}” is not in the ledger.</source>
        <translation>台账中没有“{name}”。</translation>
    </message>
    <message>
        <source>The same record as row {row} of this file.</source>
        <translation>与本文件第{row}行重复。</translation>
    </message>
    <message>
        <source>Several compounds have building {name}: fill in the compound too.</source>
        <translation>多个小区都有{name}号楼，请同时填写小区。</translation>
    </message>
    <message>
        <source>Building a party group covers</source>
        <translation>党小组覆盖楼栋</translation>
    </message>
    <message>
        <source>Step in handling an appeal</source>
        <translation>诉求办理记录</translation>
    </message>
    <message>
        <source>Unit of a co-construction item</source>
        <translation>共建单位</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>阵地</translation>
    </message>
    <message>
        <source>Room of a venue</source>
        <translation>阵地功能室</translation>
    </message>
    <message>
        <source>Located in</source>
        <translation>所在场所</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>功能室</translation>
    </message>
    <message>
        <source>Rooms&apos; area (m²)</source>
        <translation>功能室面积（平方米）</translation>
    </message>
    <message>
        <source>Part of the layout</source>
        <translation>布局类别</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>主要功能</translation>
    </message>
    <message>
        <source>Capacity (people)</source>
        <translation>容纳人数</translation>
    </message>
    <message>
        <source>Venue name</source>
        <translation>阵地名称</translation>
    </message>
    <message>
        <source>Type of venue</source>
        <translation>阵地类型</translation>
    </message>
    <message>
        <source>Owner or manager</source>
        <translation>产权（管理）单位</translation>
    </message>
    <message>
        <source>In the compound</source>
        <translation>所在小区</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>功能室名称</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Party and public service centre</source>
        <translation>党群服务中心</translation>
    </message>
    <message>
        <source>Shared venue</source>
        <translation>共享阵地</translation>
    </message>
    <message>
        <source>Venue opened to residents</source>
        <translation>开放阵地</translation>
    </message>
    <message>
        <source>Office building</source>
        <translation>商务楼宇</translation>
    </message>
    <message>
        <source>Market or shopping area</source>
        <translation>商圈市场</translation>
    </message>
    <message>
        <source>Residential compound</source>
        <translation>居民小区</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>室</translation>
    </message>
    <message>
        <source>Hall</source>
        <translation>厅</translation>
    </message>
    <message>
        <source>Supermarket</source>
        <translation>市（超市）</translation>
    </message>
    <message>
        <source>Service station</source>
        <translation>站（服务站）</translation>
    </message>
    <message>
        <source>Say where a shared venue is: an office building, a market or a compound.</source>
        <translation>请选择共享阵地的所在场所：商务楼宇、商圈市场或居民小区。</translation>
    </message>
    <message>
        <source>Enter the unit that owns or manages this venue.</source>
        <translation>请填写该阵地的产权（管理）单位。</translation>
    </message>
    <message>
        <source>A compound is chosen only for a venue located in a residential compound.</source>
        <translation>只有设在居民小区的阵地才能选择所在小区。</translation>
    </message>
    <message>
        <source>Its rooms already take {rooms} m²: the floor area cannot be smaller.</source>
        <translation>其功能室已占 {rooms} 平方米，建筑面积不能小于此数。</translation>
    </message>
    <message>
        <source>Community brand</source>
        <translation>社区品牌</translation>
    </message>
    <message>
        <source>Brand name</source>
        <translation>品牌名称</translation>
    </message>
    <message>
        <source>What the brand is and does</source>
        <translation>品牌简介</translation>
    </message>
    <message>
        <source>Year begun</source>
        <translation>创建年份</translation>
    </message>
    <message>
        <source>Recognised at</source>
        <translation>认定级别</translation>
    </message>
    <message>
        <source>Recognition</source>
        <translation>认定情况</translation>
    </message>
    <message>
        <source>Year recognised</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>Not yet recognised</source>
        <translation>尚未认定</translation>
    </message>
    <message>
        <source>Street level</source>
        <translation>街道级</translation>
    </message>
    <message>
        <source>District level</source>
        <translation>区级</translation>
    </message>
    <message>
        <source>City level</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Province level</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>National level</source>
        <translation>国家级</translation>
    </message>
    <message>
        <source>The brand cannot be recognised before the year it began.</source>
        <translation>认定年份不能早于品牌创建年份。</translation>
    </message>
    <message>
        <source>Enter the year of the recognition, or choose &apos;Not yet recognised&apos;.</source>
        <translation>请填写认定年份，或把认定级别选为“尚未认定”。</translation>
    </message>
    <message>
        <source>The rooms would be larger than {venue} ({area} m²): at most {free} m² is left for this room.</source>
        <translation>功能室面积合计将超过{venue}的建筑面积（{area} 平方米）：此功能室最多还能填 {free} 平方米。</translation>
    </message>
    <message>
        <source>City livelihood project</source>
        <translation>市级民生实事</translation>
    </message>
    <message>
        <source>Community&apos;s part of a livelihood project</source>
        <translation>社区民生实事落实情况</translation>
    </message>
    <message>
        <source>Monthly progress</source>
        <translation>月度进展</translation>
    </message>
    <message>
        <source>Linked appeal or project</source>
        <translation>关联的诉求或项目</translation>
    </message>
    <message>
        <source>What the community did</source>
        <translation>社区落实情况</translation>
    </message>
    <message>
        <source>Residents who benefited</source>
        <translation>受益居民</translation>
    </message>
    <message>
        <source>Funds (yuan)</source>
        <translation>资金（元）</translation>
    </message>
    <message>
        <source>Progress (%)</source>
        <translation>进度（%）</translation>
    </message>
    <message>
        <source>Progress in words</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <source>The year must be between {min} and {max}.</source>
        <translation>年度应在 {min} 至 {max} 之间。</translation>
    </message>
    <message>
        <source>Enter the percentage done or a few words on the progress.</source>
        <translation>请填写完成百分比或进展情况。</translation>
    </message>
    <message>
        <source>Choose one appeal or one secretary project to link.</source>
        <translation>请选择一条诉求或一个书记项目进行关联。</translation>
    </message>
    <message>
        <source>{month} has been approved by {decided_by} and is locked: its records cannot be changed. Ask for the month to be unlocked first.</source>
        <translation>{month} 已由 {decided_by} 审核通过并锁定，该月的台账记录不能再修改。如需修改，请先申请解锁。</translation>
    </message>
    <message>
        <source>{month} is not approved, so there is nothing to unlock.</source>
        <translation>{month} 尚未审核通过，无需解锁。</translation>
    </message>
    <message>
        <source>Enter the month as year-month, for example 2026-11.</source>
        <translation>请按“年-月”填写月份，例如 2026-11。</translation>
    </message>
    <message>
        <source>A month that has not begun cannot be handed up.</source>
        <translation>还没到的月份不能上报。</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <source>Handed up by</source>
        <translation>上报人</translation>
    </message>
    <message>
        <source>Handed up</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Staff comment</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>Month approval</source>
        <translation>月度上报与审核</translation>
    </message>
    <message>
        <source>It is already linked to this project.</source>
        <translation>已经关联到这项民生实事。</translation>
    </message>
</context>
<context>
    <name>Ledgers</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Work ledgers</source>
        <translation>工作台账</translation>
    </message>
    <message>
        <source>Meetings and activities</source>
        <translation>会议活动</translation>
    </message>
    <message>
        <source>Secretary projects</source>
        <translation>书记项目</translation>
    </message>
    <message>
        <source>Residents&apos; appeals</source>
        <translation>民生诉求</translation>
    </message>
    <message>
        <source>Compound guarantees</source>
        <translation>小区包保</translation>
    </message>
    <message>
        <source>Community work day</source>
        <translation>社区工作日</translation>
    </message>
    <message>
        <source>Co-construction lists</source>
        <translation>共建清单</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费管理</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知公告</translation>
    </message>
    <message>
        <source>Community brand</source>
        <translation>社区品牌</translation>
    </message>
    <message>
        <source>Report and appraisal</source>
        <translation>述职评议考核</translation>
    </message>
    <message>
        <source>Venues</source>
        <translation>阵地</translation>
    </message>
    <message>
        <source>Livelihood projects</source>
        <translation>民生实事</translation>
    </message>
</context>
<context>
    <name>LivelihoodPage</name>
    <message>
        <source>Livelihood projects</source>
        <translation>民生实事</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>The city publishes its livelihood projects each year; they arrive by sync and cannot be changed here. Record the community&apos;s part of each: what it did, who benefited, the funds, the progress by month, and the appeals and secretary projects that belong to it. The livelihood problems solved are counted from those links: resolved appeals and finished projects.</source>
        <translation>市委、市政府每年确定的民生实事随同步下发，在这里不能修改。请填写本社区的落实情况：做了什么、受益居民、投入资金、每月进展，以及相关的民生诉求和书记项目。解决民生难题数按关联自动统计：已办结的诉求和已交账的书记项目。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>City project</source>
        <translation>市级民生实事</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Residents who benefited</source>
        <translation>受益居民</translation>
    </message>
    <message>
        <source>Funds (yuan)</source>
        <translation>资金（元）</translation>
    </message>
    <message>
        <source>Latest progress</source>
        <translation>最新进度</translation>
    </message>
    <message>
        <source>Problems solved</source>
        <translation>解决民生难题</translation>
    </message>
    <message>
        <source>What the community did for this project…</source>
        <translation>本社区为这项民生实事做了什么……</translation>
    </message>
    <message>
        <source>such as 12000.00</source>
        <translation>例如 12000.00</translation>
    </message>
    <message>
        <source>Save the community&apos;s part</source>
        <translation>保存落实情况</translation>
    </message>
    <message>
        <source>The community&apos;s part</source>
        <translation>本社区落实情况</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Progress (%)</source>
        <translation>进度（%）</translation>
    </message>
    <message>
        <source>In words</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <source>2026-03</source>
        <translation>2026-03</translation>
    </message>
    <message>
        <source>Record progress</source>
        <translation>登记进展</translation>
    </message>
    <message>
        <source>Delete the month</source>
        <translation>删除该月</translation>
    </message>
    <message>
        <source>Progress by month</source>
        <translation>每月进展</translation>
    </message>
    <message>
        <source>Link appeal</source>
        <translation>关联诉求</translation>
    </message>
    <message>
        <source>Link secretary project</source>
        <translation>关联书记项目</translation>
    </message>
    <message>
        <source>Remove the link</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Linked appeals and secretary projects</source>
        <translation>关联的民生诉求和书记项目</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>The city has not published livelihood projects for {year} yet; they arrive with the next sync.</source>
        <translation>市里尚未下发{year}年的民生实事，下发后随下次同步到达。</translation>
    </message>
    <message>
        <source>{year}: {solved} livelihood problems solved</source>
        <translation>{year}年：解决民生难题 {solved} 件</translation>
    </message>
    <message>
        <source>(resolved)</source>
        <translation>（已办结）</translation>
    </message>
    <message>
        <source>City project {number}: {title} (lead unit: {unit}; kept by the city, read-only)</source>
        <translation>市级民生实事第{number}项：{title}（牵头单位：{unit}；市级下发，只读）</translation>
    </message>
    <message>
        <source>Appeal</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Secretary project</source>
        <translation>书记项目</translation>
    </message>
    <message>
        <source>solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>not solved yet</source>
        <translation>尚未解决</translation>
    </message>
    <message>
        <source>Edit the community&apos;s part of {title}</source>
        <translation>修改“{title}”的落实情况</translation>
    </message>
    <message>
        <source>Record the progress of {title}</source>
        <translation>登记“{title}”的进展</translation>
    </message>
    <message>
        <source>Delete a month&apos;s progress of {title}</source>
        <translation>删除“{title}”的一条月度进展</translation>
    </message>
    <message>
        <source>Link to {title}</source>
        <translation>关联到“{title}”</translation>
    </message>
    <message>
        <source>Remove a link of {title}</source>
        <translation>取消“{title}”的一项关联</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Community overview</source>
        <translation>社区概况</translation>
    </message>
    <message>
        <source>Compounds and buildings</source>
        <translation>小区与楼栋</translation>
    </message>
    <message>
        <source>Party organisation and members</source>
        <translation>党组织与党员</translation>
    </message>
    <message>
        <source>Homeowner committees and property</source>
        <translation>业委会与物业</translation>
    </message>
    <message>
        <source>Resident units</source>
        <translation>驻区单位</translation>
    </message>
    <message>
        <source>Community Ledger</source>
        <translation>社区党建台账</translation>
    </message>
    <message>
        <source>Opening the ledger…</source>
        <translation>正在打开台账…</translation>
    </message>
    <message>
        <source>Community Ledger — {name}</source>
        <translation>社区党建台账 — {name}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit record</source>
        <translation>编辑记录(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete record</source>
        <translation>删除记录(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Show full ID and phone numbers</source>
        <translation>显示完整证件号和电话</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The new language takes effect when the app is restarted.</source>
        <translation>新的界面语言将在重新启动程序后生效。</translation>
    </message>
    <message>
        <source>About Community Ledger</source>
        <translation>关于社区党建台账</translation>
    </message>
    <message>
        <source>Community Ledger {version}
Ledgers of community Party-building work, kept on this PC and exchanged with the city server.</source>
        <translation>社区党建台账 {version}
社区党建工作台账，保存在本机，并与市级服务器交换数据。</translation>
    </message>
    <message>
        <source>Compounds {n}</source>
        <translation>小区 {n}</translation>
    </message>
    <message>
        <source>Buildings {n}</source>
        <translation>楼栋 {n}</translation>
    </message>
    <message>
        <source>Party groups {n}</source>
        <translation>党小组 {n}</translation>
    </message>
    <message>
        <source>Members {n}</source>
        <translation>党员 {n}</translation>
    </message>
    <message>
        <source>Community Ledger — {name} (demo)</source>
        <translation>社区党建台账 — {name}（示例）</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Responsible leader</source>
        <translation>包保领导</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>已完成任务</translation>
    </message>
    <message>
        <source>Total: {count} compound(s)</source>
        <translation>合计：{count} 个小区</translation>
    </message>
    <message>
        <source>{count} leader(s)</source>
        <translation>{count} 名领导</translation>
    </message>
    <message>
        <source>All five done: {count}</source>
        <translation>五项全部完成：{count}</translation>
    </message>
    <message>
        <source>Done {done} / {total}
in progress {doing}</source>
        <translation>已完成 {done} / {total}
进行中 {doing}</translation>
    </message>
</context>
<context>
    <name>MeetingFormDialog</name>
    <message>
        <source>Choose the party group: its members are proposed as attendees.</source>
        <translation>请选择党小组，将列出该小组的党员作为应到人员。</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Attendance</source>
        <translation>出席情况</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Photos and scans</source>
        <translation>照片和扫描件</translation>
    </message>
    <message>
        <source>No {kind} held in {year} Q{quarter} yet</source>
        <translation>{year} 年第 {quarter} 季度尚未召开{kind}</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Key points</source>
        <translation>发言要点</translation>
    </message>
    <message>
        <source>Differing views</source>
        <translation>不同意见</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>决定事项</translation>
    </message>
    <message>
        <source>Edit the meeting to change its minutes.</source>
        <translation>修改会议记录请编辑该会议。</translation>
    </message>
</context>
<context>
    <name>MonthApprovalBox</name>
    <message>
        <source>Month approval</source>
        <translation>月度上报与审核</translation>
    </message>
    <message>
        <source>year-month</source>
        <translation>年-月</translation>
    </message>
    <message>
        <source>Handed up by</source>
        <translation>上报人</translation>
    </message>
    <message>
        <source>Hand up</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Ask to unlock…</source>
        <translation>申请解锁…</translation>
    </message>
    <message>
        <source>No month handed up yet.</source>
        <translation>还没有上报过月度台账。</translation>
    </message>
    <message>
        <source>{month}: approved by {by}, locked</source>
        <translation>{month}：已由 {by} 审核通过，已锁定</translation>
    </message>
    <message>
        <source>{month}: returned by {by}: {comment}</source>
        <translation>{month}：被 {by} 退回：{comment}</translation>
    </message>
    <message>
        <source>{month}: unlock asked for, waiting for the staff</source>
        <translation>{month}：已申请解锁，等待审核</translation>
    </message>
    <message>
        <source>{month}: unlocked by {by}, may be edited and handed up again</source>
        <translation>{month}：已由 {by} 解锁，可修改后重新上报</translation>
    </message>
    <message>
        <source>{month}: handed up by {by}, waiting for approval</source>
        <translation>{month}：{by} 已上报，等待审核</translation>
    </message>
    <message>
        <source>Ask to unlock</source>
        <translation>申请解锁</translation>
    </message>
    <message>
        <source>Why {month} must be changed:</source>
        <translation>{month} 需要修改的原因：</translation>
    </message>
</context>
<context>
    <name>NetworkSyncController</name>
    <message>
        <source>The city server refused {n} changes: {reason}</source>
        <translation>市级服务器拒收了 {n} 条变更：{reason}</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>[Unread] </source>
        <translation>【未读】</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知公告</translation>
    </message>
    <message>
        <source>Mark all as read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>No notices yet. Notices from the district and city offices arrive with each sync.</source>
        <translation>还没有通知。区、市发布的通知公告在每次同步时收到。</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a notice to read it.</source>
        <translation>选择一条通知查看全文。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Community and its Party organisation</source>
        <translation>社区及党组织</translation>
    </message>
    <message>
        <source>Edit community details…</source>
        <translation>修改社区信息…</translation>
    </message>
    <message>
        <source>Registry at a glance</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Building party groups</source>
        <translation>楼栋党小组</translation>
    </message>
    <message>
        <source>Community brand (one brand, one feature)</source>
        <translation>社区品牌（一区一品一特色）</translation>
    </message>
    <message>
        <source>No brand recorded yet: add it under Work ledgers, Community brand.</source>
        <translation>还没有登记社区品牌：可在“工作台账 → 社区品牌”中添加。</translation>
    </message>
    <message>
        <source>since {year}</source>
        <translation>{year}年创建</translation>
    </message>
    <message>
        <source>recognised in {year}</source>
        <translation>{year}年认定</translation>
    </message>
    <message>
        <source>{name} ({facts})</source>
        <translation>{name}（{facts}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Once more</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>口令至少要 {n} 个字符。</translation>
    </message>
    <message>
        <source>The two entries differ.</source>
        <translation>两次输入的不一样。</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Start-up password</source>
        <translation>启动密码</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password (empty: none)</source>
        <translation>新密码（留空表示不设密码）</translation>
    </message>
    <message>
        <source>Once more</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>Lock again after idle</source>
        <translation>闲置多久后重新锁定</translation>
    </message>
    <message>
        <source>Where several people use this PC, a password keeps the ledger from view: it is asked at start and after the window sat idle.</source>
        <translation>几个人合用这台电脑时，可以用密码保护台账：程序启动时要输入密码，窗口闲置一段时间后也要重新输入。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不对。</translation>
    </message>
    <message>
        <source>The two entries of the new password differ.</source>
        <translation>两次输入的新密码不一样。</translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation>密码至少要 {n} 个字符。</translation>
    </message>
</context>
<context>
    <name>PrintChoiceDialog</name>
    <message>
        <source>Sign-in sheet of the selected meeting</source>
        <translation>所选会议的签到表</translation>
    </message>
    <message>
        <source>Minutes of the selected meeting</source>
        <translation>所选会议的会议记录</translation>
    </message>
    <message>
        <source>Blank sign-in sheet</source>
        <translation>空白签到表</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Form of the selected appeal</source>
        <translation>所选诉求的办理单</translation>
    </message>
    <message>
        <source>Blank work-day sign-in sheet</source>
        <translation>空白社区工作日签到表</translation>
    </message>
    <message>
        <source>Community work day sign-in sheet</source>
        <translation>社区工作日签到表</translation>
    </message>
    <message>
        <source>Yearly ledger book {year}</source>
        <translation>{year} 年度台账汇编</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>What do you want to print?</source>
        <translation>要打印哪一份？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Report and appraisal material {year}</source>
        <translation>{year}年度述职评议考核材料</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print Preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the error log.</source>
        <translation>出现了意外错误，详细情况已记入错误日志。</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适应宽度</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成文档…</translation>
    </message>
    <message>
        <source>The PDF could not be opened.</source>
        <translation>无法打开生成的PDF文件。</translation>
    </message>
    <message numerus="yes">
        <source>of %n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>The document could not be made: %1</source>
        <translation>文档生成失败：%1</translation>
    </message>
    <message>
        <source>Printing was cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已发送 %n 页到打印机。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the pages to the printer…</source>
        <translation>正在把页面送往打印机…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF保存失败：%1</translation>
    </message>
    <message>
        <source>“%1” could not be written: it may be open in another program, such as a PDF reader, or the folder may be read-only. Close it or choose another place; nothing was changed.</source>
        <translation>无法写入“%1”：该文件可能正被其他程序（如PDF阅读器）打开，或所在文件夹为只读。请关闭该文件或另选位置后重试，原文件未被改动。</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Show ID numbers and phone numbers in full</source>
        <translation>显示完整的身份证号和电话号码</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>ProjectDetail</name>
    <message>
        <source>Select a project in the list to see its milestones and evaluations.</source>
        <translation>在左侧列表中选择一个项目，查看其节点和评价。</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Set status:</source>
        <translation>设置状态：</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>计划完成日期</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Evaluated by</source>
        <translation>评价人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>评价意见</translation>
    </message>
    <message>
        <source>Add evaluation…</source>
        <translation>添加评价…</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>评价记录</translation>
    </message>
    <message>
        <source>{year} · {secretary} · {level} · team: {team}</source>
        <translation>{year} 年 · {secretary} · {level} · 团队：{team}</translation>
    </message>
    <message>
        <source>Problem: {text}</source>
        <translation>解决的问题：{text}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>not done yet</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Set project status to {status}</source>
        <translation>将项目状态设为{status}</translation>
    </message>
    <message>
        <source>Mark milestone “{title}” done</source>
        <translation>完成节点“{title}”</translation>
    </message>
    <message>
        <source>Reopen milestone “{title}”</source>
        <translation>重新打开节点“{title}”</translation>
    </message>
    <message>
        <source>Add milestone</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Edit milestone</source>
        <translation>修改节点</translation>
    </message>
    <message>
        <source>Delete milestone “{title}”?
You can undo this with Ctrl+Z.</source>
        <translation>确定删除节点“{title}”吗？
可以按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Delete milestone</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <source>Add evaluation</source>
        <translation>添加评价</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>Project ledger</source>
        <translation>项目台账</translation>
    </message>
    <message>
        <source>Progress board</source>
        <translation>挂图作战</translation>
    </message>
    <message>
        <source>Not claimed</source>
        <translation>未认领</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>{claimed} project(s) claimed, {done} done, {overdue} overdue; {missing} secretary(ies) without a project</source>
        <translation>已认领项目 {claimed} 个，已完成 {done} 个，逾期 {overdue} 个；{missing} 名书记尚未认领项目</translation>
    </message>
    <message>
        <source>Secretaries without a project, {year}</source>
        <translation>{year}年未认领书记项目的书记</translation>
    </message>
    <message>
        <source>Progress board of the secretary projects, {year}</source>
        <translation>{year}年书记项目进度看板</translation>
    </message>
</context>
<context>
    <name>QuarterSummary</name>
    <message>
        <source>Quarter {q}</source>
        <translation>第 {q} 季度</translation>
    </message>
    <message>
        <source>Organ</source>
        <translation>所属机关</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Cadres</source>
        <translation>干部</translation>
    </message>
    <message>
        <source>Party lessons</source>
        <translation>党课</translation>
    </message>
    <message>
        <source>Pairings</source>
        <translation>结对帮扶</translation>
    </message>
    <message>
        <source>Appeals solved</source>
        <translation>解决诉求</translation>
    </message>
    <message>
        <source>Goods (yuan)</source>
        <translation>物资（元）</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Work day feedback to organs, {year} quarter {quarter}</source>
        <translation>{year}年第{quarter}季度社区工作日反馈</translation>
    </message>
</context>
<context>
    <name>RecordController</name>
    <message>
        <source>Add {kind}</source>
        <translation>新增{kind}</translation>
    </message>
    <message>
        <source>Edit {kind}</source>
        <translation>修改{kind}</translation>
    </message>
    <message>
        <source>Delete {kind}</source>
        <translation>删除{kind}</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>e.g. 2024-03-05</source>
        <translation>例如 2024-03-05</translation>
    </message>
    <message>
        <source>e.g. 2024-03-05 14:30</source>
        <translation>例如 2024-03-05 14:30</translation>
    </message>
</context>
<context>
    <name>RecordFormDialog</name>
    <message>
        <source>Edit {kind}</source>
        <translation>修改{kind}</translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>新建{kind}</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{count} record(s)</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <source>Nothing found for “{text}”. Type part of a name, its pinyin or initials (zgx for 张桂香), or clear the search and the filters to see every record.</source>
        <translation>没有找到与“{text}”相符的记录。可输入姓名的一部分、全拼或拼音首字母（如 zgx 可找到张桂香），或清空搜索和筛选条件查看全部记录。</translation>
    </message>
    <message>
        <source>Delete {kind} “{name}”?
You can undo this with Ctrl+Z.</source>
        <translation>确定删除{kind}“{name}”吗？
可以用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Save the records the list shows as an Excel workbook</source>
        <translation>将列表中显示的记录保存为Excel工作簿</translation>
    </message>
    <message>
        <source>{count} record(s) saved to {path}</source>
        <translation>已将{count}条记录保存到{path}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>RoomCheckedDialog</name>
    <message>
        <source>{time}–{end} “{topic}”</source>
        <translation>{time}—{end}“{topic}”</translation>
    </message>
    <message>
        <source>{place} is already booked at an overlapping time:
{meetings}

Save this meeting there all the same?</source>
        <translation>{place}在重叠的时间已有安排：
{meetings}

仍要把本次会议安排在这里吗？</translation>
    </message>
    <message>
        <source>Room already booked</source>
        <translation>场地已被占用</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Deadlines and holidays</source>
        <translation>办理时限与节假日</translation>
    </message>
    <message>
        <source>Deadline after dispatch, in working days</source>
        <translation>派单后的办理时限（工作日）</translation>
    </message>
    <message>
        <source>Emergency (0: the same day)</source>
        <translation>紧急（0 为当日办结）</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Near due when this many working days are left</source>
        <translation>剩余工作日不超过此数即为临期</translation>
    </message>
    <message>
        <source>Escalate after this many working days overdue</source>
        <translation>超期多少个工作日后督办升级</translation>
    </message>
    <message>
        <source>Holidays and make-up workdays</source>
        <translation>节假日与调休上班日</translation>
    </message>
    <message>
        <source>Load the published holidays</source>
        <translation>导入法定节假日安排</translation>
    </message>
    <message>
        <source>Days are saved as soon as they are added; the State Council&apos;s arrangement of a year can be loaded and then corrected.</source>
        <translation>日期添加后立即保存；可先导入国务院公布的当年节假日安排，再逐日修改。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Change appeal deadlines</source>
        <translation>修改诉求办理时限</translation>
    </message>
    <message>
        <source>Load the holidays of {year}</source>
        <translation>导入 {year} 年节假日</translation>
    </message>
</context>
<context>
    <name>RunningBalance</name>
    <message>
        <source>Income (yuan)</source>
        <translation>收入（元）</translation>
    </message>
    <message>
        <source>Expense (yuan)</source>
        <translation>支出（元）</translation>
    </message>
    <message>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Brought forward {opening} · income {income} · expense {expense} · balance {closing} (yuan)</source>
        <translation>上年结转 {opening} · 收入 {income} · 支出 {expense} · 余额 {closing}（元）</translation>
    </message>
    <message>
        <source>{fund}, {year}</source>
        <translation>{fund}{year}年收支明细</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Back up to a USB drive…</source>
        <translation>备份到U盘…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>The ledger is damaged</source>
        <translation>台账文件已损坏</translation>
    </message>
    <message>
        <source>The passphrase does not open this backup.</source>
        <translation>口令不对，打不开这个备份。</translation>
    </message>
    <message>
        <source>This file is not a backup of Community Ledger.</source>
        <translation>这个文件不是社区党建台账的备份。</translation>
    </message>
    <message>
        <source>The backup file is damaged or incomplete; choose another one.</source>
        <translation>备份文件已损坏或不完整，请选择别的备份。</translation>
    </message>
    <message>
        <source>The backup itself does not pass the check; choose another one.</source>
        <translation>这个备份本身没有通过检查，请选择别的备份。</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>口令至少要 {n} 个字符。</translation>
    </message>
    <message>
        <source>The ledger file is damaged (it does not pass the database&apos;s own check), and there is no good backup beside it. Do not enter anything more; restore it from a backup on a USB drive (File → Restore from a backup…), or ask whoever looks after the computer.</source>
        <translation>台账文件已损坏（没有通过数据库自身的检查），旁边也没有完好的备份。请不要再录入任何内容：用U盘上的备份恢复（文件 → 从备份恢复…），或请负责电脑的同志帮忙。</translation>
    </message>
    <message>
        <source>The ledger file is damaged (it does not pass the database&apos;s own check). The newest good backup was made on {when}; what was entered after it would have to be entered again.

Restore the ledger from that backup now? The damaged file is kept aside.</source>
        <translation>台账文件已损坏（没有通过数据库自身的检查）。最近一份完好的备份是 {when} 做的；在那之后录入的内容需要重新录入。

现在用这份备份恢复台账吗？损坏的文件会另行保存。</translation>
    </message>
    <message>
        <source>Where to save the backup</source>
        <translation>备份保存到哪里</translation>
    </message>
    <message>
        <source>The backup is encrypted, so a lost USB drive shows nobody&apos;s data. Choose a passphrase and keep it safe: without it the backup cannot be restored.</source>
        <translation>备份会加密保存，U盘丢了也不会泄露任何人的信息。请设一个口令并妥善保管：没有口令就无法用这份备份恢复。</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>备份已保存</translation>
    </message>
    <message>
        <source>The encrypted backup is saved as {file}.</source>
        <translation>加密备份已保存为 {file}。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Saving the encrypted backup…</source>
        <translation>正在保存加密备份…</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backups (*.sqlite *{suffix})</source>
        <translation>备份文件 (*.sqlite *{suffix})</translation>
    </message>
    <message>
        <source>The passphrase of this backup:</source>
        <translation>这份备份的口令：</translation>
    </message>
    <message>
        <source>Put the backup {file} in the place of the ledger? Everything entered after the backup was made would have to be entered again. The current ledger is kept aside, and the program starts again.</source>
        <translation>用备份 {file} 替换现在的台账吗？备份之后录入的内容需要重新录入。现在的台账会另行保存，程序随后重新启动。</translation>
    </message>
    <message>
        <source>The previous file is kept as {file}.</source>
        <translation>原来的文件已另存为 {file}。</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>The ledger is restored from {file}.</source>
        <translation>台账已从 {file} 恢复。</translation>
    </message>
    <message>
        <source>The program starts again now.</source>
        <translation>程序现在重新启动。</translation>
    </message>
    <message>
        <source>Nothing was changed; the program starts again on the ledger as it was.</source>
        <translation>没有做任何改动；程序将按原来的台账重新启动。</translation>
    </message>
    <message>
        <source>Restoring the ledger…</source>
        <translation>正在恢复台账…</translation>
    </message>
</context>
<context>
    <name>SensitiveLineEdit</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the full number to read or change it</source>
        <translation>显示完整号码以查看或修改</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Recorded as 经办人 of appeal steps and 记录人 of new meetings</source>
        <translation>记为民生诉求各环节的经办人、新会议的记录人</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>{name} (not found now)</source>
        <translation>{name}（现已找不到）</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Edit community details…</source>
        <translation>修改社区信息…</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>本社区</translation>
    </message>
    <message>
        <source>Made at start and every day in {folder}; the last {days} days and {months} months are kept. Back up to a USB drive and restore from the File menu.</source>
        <translation>每次启动和每天自动备份到 {folder}，保留最近 {days} 天和 {months} 个月的备份。备份到U盘和从备份恢复在“文件”菜单中。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <source>Keep your community&apos;s ledgers on this PC, or look around first on a demo community.</source>
        <translation>在本机建立本社区的台账，或者先用一个示例社区熟悉软件。</translation>
    </message>
    <message>
        <source>Set up my community&apos;s ledger</source>
        <translation>建立本社区的台账</translation>
    </message>
    <message>
        <source>Try the app on demo data</source>
        <translation>使用示例数据体验</translation>
    </message>
    <message>
        <source>A made-up community with about 1,500 party members, in a file of its own: nothing you try there mixes with your real ledger, and the window title says 示例 (demo) while it is open.</source>
        <translation>一个虚构的示例社区（约 1500 名党员），保存在单独的文件里，体验时的任何操作都不会混入正式台账；打开期间窗口标题会注明“示例”。</translation>
    </message>
    <message>
        <source>Enter the community and choose where its data is kept.</source>
        <translation>填写本社区的信息，并选择数据的保存位置。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>“{path}” is on another computer (a network drive). Copy it to this computer&apos;s own disk and open the copy: a database on a shared folder can be damaged.</source>
        <translation>“{path}”在另一台电脑上（网络驱动器）。请把它复制到本机的磁盘上，再打开复制的文件：放在共享文件夹里的数据库可能损坏。</translation>
    </message>
    <message>
        <source>“{path}” is a folder, not a database file.</source>
        <translation>“{path}”是一个文件夹，不是数据库文件。</translation>
    </message>
    <message>
        <source>“{path}” is not a Community Ledger database, or it is damaged.</source>
        <translation>“{path}”不是社区党建台账的数据库，或文件已损坏。</translation>
    </message>
    <message>
        <source>“{path}” was saved by a newer version of Community Ledger. Install the newer version to open it; the file has not been changed.</source>
        <translation>“{path}”由更新版本的社区党建台账保存。请安装新版本后再打开；文件未作任何改动。</translation>
    </message>
    <message>
        <source>The folder of “{path}” does not exist.</source>
        <translation>“{path}”所在的文件夹不存在。</translation>
    </message>
    <message>
        <source>“{path}” cannot be opened: permission denied.</source>
        <translation>无法打开“{path}”：没有访问权限。</translation>
    </message>
    <message>
        <source>“{path}” cannot be opened now: another program may be using it, or the file or its drive is read-only. Close that program, or clear the file&apos;s read-only attribute, and try again.</source>
        <translation>暂时无法打开“{path}”：可能有其他程序正在使用它，或者该文件或所在驱动器是只读的。请关闭那个程序，或取消该文件的“只读”属性，然后重试。</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>“{path}” is damaged: it does not pass the database&apos;s own check.</source>
        <translation>“{path}”已损坏：没有通过数据库自身的检查。</translation>
    </message>
    <message>
        <source>Already open</source>
        <translation>已经打开</translation>
    </message>
    <message>
        <source>This ledger is already open in another window; it has been brought to the front.</source>
        <translation>这本台账已经在另一个窗口中打开，已把那个窗口调到前面。</translation>
    </message>
    <message>
        <source>This ledger is open in another program. Close it there first.</source>
        <translation>这本台账正被另一个程序使用，请先在那里关闭。</translation>
    </message>
    <message>
        <source>Start-up password…</source>
        <translation>启动密码…</translation>
    </message>
    <message>
        <source>Cannot create the community</source>
        <translation>无法创建社区</translation>
    </message>
    <message>
        <source>Making up the demo community…</source>
        <translation>正在生成示例社区…</translation>
    </message>
    <message>
        <source>Try the app on demo data</source>
        <translation>使用示例数据体验</translation>
    </message>
    <message>
        <source>The demo was not made: “{path}” already holds data typed by hand, and the demo is never mixed with real data. Nothing was changed. To see your ledger, start again and choose “Set up my community&apos;s ledger”; to try the demo, move that file elsewhere first.</source>
        <translation>没有生成示例数据：“{path}”中已有手工录入的数据，示例数据不会与正式数据混在一起，文件未作任何改动。要查看该台账，请重新启动并选择“建立本社区的台账”；要体验示例，请先把该文件移到别处。</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从Excel导入…</translation>
    </message>
    <message>
        <source>Export the whole ledger to Excel…</source>
        <translation>导出整个台账到Excel…</translation>
    </message>
    <message>
        <source>The program stopped on an unexpected error. The details are in {path}. Please send this file to whoever looks after the program.</source>
        <translation>程序因意外错误而停止。详细信息在 {path}，请把这个文件发给负责维护程序的人员。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>SupervisionPanel</name>
    <message>
        <source>Rates</source>
        <translation>办理指标</translation>
    </message>
    <message>
        <source>Response rate</source>
        <translation>响应率</translation>
    </message>
    <message>
        <source>Resolution rate</source>
        <translation>解决率</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Overdue ({n})</source>
        <translation>已超期（{n}）</translation>
    </message>
    <message>
        <source>Near the deadline ({n})</source>
        <translation>临期（{n}）</translation>
    </message>
    <message>
        <source>Due for escalation ({n})</source>
        <translation>应督办升级（{n}）</translation>
    </message>
    <message>
        <source>overdue {n}</source>
        <translation>超期 {n}</translation>
    </message>
    <message>
        <source>{n} left</source>
        <translation>剩余 {n}</translation>
    </message>
    <message>
        <source>{state}, escalated</source>
        <translation>{state}，已督办升级</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Another import of the same package is running or has finished; it was not applied twice.</source>
        <translation>同一同步包的另一次导入正在进行或已完成，未重复导入。</translation>
    </message>
    <message>
        <source>The package is for another computer of this community. Import it on that computer.</source>
        <translation>该同步包是发给本社区另一台电脑的，请在那台电脑上导入。</translation>
    </message>
    <message>
        <source>This package was made by this computer for the city server. Import the package the city server made in return.</source>
        <translation>该同步包是本机为市级服务器生成的，请导入市级服务器返回的同步包。</translation>
    </message>
    <message>
        <source>The package declares {size} of content for {count} changes, more than such a package can hold, and was refused for safety.</source>
        <translation>同步包声称 {count} 项变更的内容有 {size}，超出此类同步包可能的大小，为安全起见已拒绝。</translation>
    </message>
    <message>
        <source>its {field} names a record that does not exist here</source>
        <translation>其{field}指向的记录在本机不存在</translation>
    </message>
    <message>
        <source>its {field} names a record of another community</source>
        <translation>其{field}指向其他社区的记录</translation>
    </message>
    <message>
        <source>The package claims changes {first} to {last} but carries {count}: it was made wrongly or forged.</source>
        <translation>同步包声称包含第 {first} 至 {last} 项变更，实际只有 {count} 项：同步包制作有误或系伪造。</translation>
    </message>
    <message>
        <source>The package confirms changes up to number {claimed}, but this computer has made only {issued}: it was made wrongly or forged.</source>
        <translation>同步包确认已收到第 {claimed} 项以前的变更，但本机只产生过 {issued} 项：同步包制作有误或系伪造。</translation>
    </message>
    <message>
        <source>The file is larger than {limit_mb} MB.</source>
        <translation>文件超过 {limit_mb} MB。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>The file is not a sync package.</source>
        <translation>这个文件不是同步包。</translation>
    </message>
    <message>
        <source>The file is damaged. Copy it from the other computer again.</source>
        <translation>文件已损坏，请从另一台电脑重新复制。</translation>
    </message>
    <message>
        <source>The file is incomplete: it was cut off while being copied. Copy it again and remove the USB drive safely.</source>
        <translation>文件不完整：复制时被中断。请重新复制，并安全弹出U盘。</translation>
    </message>
    <message>
        <source>The file would expand to more than {limit_mb} MB and was refused for safety.</source>
        <translation>文件解压后将超过 {limit_mb} MB，为安全起见已拒绝。</translation>
    </message>
    <message>
        <source>The package content is damaged (not valid JSON).</source>
        <translation>同步包内容已损坏（不是有效的 JSON）。</translation>
    </message>
    <message>
        <source>The package does not follow the package format ({detail}).</source>
        <translation>同步包不符合规定格式（{detail}）。</translation>
    </message>
    <message>
        <source>The package was made by a newer version. Update this program first.</source>
        <translation>同步包由更新版本的程序生成，请先升级本程序。</translation>
    </message>
    <message>
        <source>The package needs version {version} or newer of this program. Update it first.</source>
        <translation>同步包需要本程序 {version} 或更新的版本，请先升级。</translation>
    </message>
    <message>
        <source>The package comes from a computer this one does not know. Only packages from the city server can be imported here.</source>
        <translation>同步包来自本机不认识的电脑。这里只能导入市级服务器的同步包。</translation>
    </message>
    <message>
        <source>The package carries a key that does not belong to its sender. It may be forged.</source>
        <translation>同步包携带的密钥不属于发送方，可能是伪造的。</translation>
    </message>
    <message>
        <source>The package was altered after it was made (its signature does not match).</source>
        <translation>同步包生成后被改动过（签名不符）。</translation>
    </message>
    <message>
        <source>The package is for another community or computer ({target}).</source>
        <translation>这个同步包是发给其他社区或电脑的（{target}）。</translation>
    </message>
    <message>
        <source>The package is encrypted for another computer.</source>
        <translation>这个同步包是为另一台电脑加密的。</translation>
    </message>
    <message>
        <source>The package cannot be decrypted: it was altered.</source>
        <translation>同步包无法解密：内容被改动过。</translation>
    </message>
    <message>
        <source>The package is not encrypted, so it was refused.</source>
        <translation>同步包未加密，已拒绝。</translation>
    </message>
    <message>
        <source>The package content does not match its checksum.</source>
        <translation>同步包内容与校验值不符。</translation>
    </message>
    <message>
        <source>The package content does not match its header.</source>
        <translation>同步包内容与包头不符。</translation>
    </message>
    <message>
        <source>The package writes records that belong to {owner}.</source>
        <translation>同步包要修改属于{owner}的记录。</translation>
    </message>
    <message>
        <source>This computer is not enrolled with the city server yet. Enrol it with the code from the district office first.</source>
        <translation>本机还没有向市级服务器注册。请先用区里提供的注册码注册。</translation>
    </message>
    <message>
        <source>This database has no community yet.</source>
        <translation>数据库里还没有社区。</translation>
    </message>
    <message>
        <source>The enrolment code is not valid. Check that it was copied completely.</source>
        <translation>注册码无效，请检查是否完整复制。</translation>
    </message>
    <message>
        <source>The enrolment code was already used by another computer.</source>
        <translation>这个注册码已被另一台电脑使用。</translation>
    </message>
    <message>
        <source>The enrolment code is for community {code_in_code}, but this database holds community {code_here}.</source>
        <translation>注册码属于社区 {code_in_code}，但本数据库是社区 {code_here}。</translation>
    </message>
    <message>
        <source>The database refused the package ({detail}).</source>
        <translation>数据库拒绝了这个同步包（{detail}）。</translation>
    </message>
    <message>
        <source>{count} changes in the package are dated up to {latest}, more than a day after this computer&apos;s clock ({here}). The date or time of the computer that made the package (or of this one) is wrong: correct it, then make the package again.</source>
        <translation>同步包中有 {count} 条修改的时间晚至 {latest}，比本机时钟（{here}）晚一天以上。制作此包的电脑（或本机）的日期或时间不对：请改正后重新制作同步包。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>the city</source>
        <translation>市里</translation>
    </message>
    <message>
        <source>community {code}</source>
        <translation>社区 {code}</translation>
    </message>
    <message>
        <source>a kind of record this version does not know (update it)</source>
        <translation>本版本不认识的记录类别（请升级程序）</translation>
    </message>
    <message>
        <source>a field this version does not know: {field} (update it)</source>
        <translation>本版本不认识的字段：{field}（请升级程序）</translation>
    </message>
    <message>
        <source>the value of {field} is not valid ({detail})</source>
        <translation>{field}的值不合格（{detail}）</translation>
    </message>
    <message>
        <source>its time stamp is not valid</source>
        <translation>时间戳无效</translation>
    </message>
    <message>
        <source>its record number is not valid</source>
        <translation>记录编号无效</translation>
    </message>
    <message>
        <source>it names two different communities</source>
        <translation>所属社区前后不一致</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>缺少必填的值</translation>
    </message>
    <message>
        <source>text of at most {max} characters expected</source>
        <translation>应为不超过 {max} 个字的文字</translation>
    </message>
    <message>
        <source>a whole number expected</source>
        <translation>应为整数</translation>
    </message>
    <message>
        <source>yes or no expected</source>
        <translation>应为“是”或“否”</translation>
    </message>
    <message>
        <source>a date expected</source>
        <translation>应为日期</translation>
    </message>
    <message>
        <source>a date and time expected</source>
        <translation>应为日期和时间</translation>
    </message>
    <message>
        <source>a number with at most {scale} decimal places expected</source>
        <translation>应为最多 {scale} 位小数的数字</translation>
    </message>
    <message>
        <source>The package is signed by another computer ({node}) than the one that sent it.</source>
        <translation>同步包由另一台电脑（{node}）签名，而不是发送它的电脑。</translation>
    </message>
    <message>
        <source>This computer is not enrolled with a city server over the network. Enrol it with the code and the server&apos;s address.</source>
        <translation>本机尚未通过网络注册到市级服务器。请用注册码和服务器地址注册。</translation>
    </message>
    <message>
        <source>The server address {url} is not valid: it must begin with http:// or https://.</source>
        <translation>服务器地址 {url} 无效：必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The city server at {url} cannot be reached ({detail}). The changes stay on this computer and go out when it is online again.</source>
        <translation>无法连接市级服务器 {url}（{detail}）。变更保留在本机，联网后自动发送。</translation>
    </message>
    <message>
        <source>The city server at {url} has a problem ({status}). It will be tried again later.</source>
        <translation>市级服务器 {url} 出现问题（{status}），稍后将自动重试。</translation>
    </message>
    <message>
        <source>The city server refused the request ({status}): {detail}</source>
        <translation>市级服务器拒绝了请求（{status}）：{detail}</translation>
    </message>
    <message>
        <source>{url} is not a city server of this program.</source>
        <translation>{url} 不是本程序的市级服务器。</translation>
    </message>
    <message>
        <source>The server at {url} is not the city server this computer is enrolled with.</source>
        <translation>{url} 上的服务器不是本机注册的市级服务器。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock says {here}, the city server&apos;s {server}: {minutes} minutes apart. Set this computer&apos;s date and time right, then sync again.</source>
        <translation>本机时间为 {here}，市级服务器时间为 {server}，相差 {minutes} 分钟。请先校正本机的日期和时间，再同步。</translation>
    </message>
    <message>
        <source>The city server no longer accepts this computer. Enrol it again with a new code from the district office.</source>
        <translation>市级服务器已不再接受本机。请向区里索取新的注册码重新注册。</translation>
    </message>
    <message>
        <source>This computer does not hold the sync keys of this ledger: the file was copied from another computer. Restore it from an encrypted backup made there, or enrol it again with a new code from the district office.</source>
        <translation>这台电脑上没有本台账的同步密钥：台账文件是从别的电脑复制来的。请用在那台电脑上做的加密备份恢复，或向区里要一个新的登记码重新登记。</translation>
    </message>
    <message>
        <source>The sync keys are kept in the system keyring, which does not answer now. Log in to the desktop again and retry.</source>
        <translation>同步密钥保存在系统钥匙串中，钥匙串现在没有响应。请重新登录桌面后再试。</translation>
    </message>
    <message>
        <source>The package writes the staff&apos;s decision on a month ({field}), which only the city server may write.</source>
        <translation>同步包写入了月度审核结果（{field}），审核结果只能由市级服务器写入。</translation>
    </message>
    <message>
        <source>{month} was approved by {decided_by} and is locked</source>
        <translation>{month} 已由 {decided_by} 审核通过并锁定</translation>
    </message>
    <message>
        <source>the month&apos;s approval has moved on since ({state})</source>
        <translation>该月的审核状态已经改变（{state}）</translation>
    </message>
    <message>
        <source>The package content does not match its header: its changes per kind of record differ.</source>
        <translation>同步包的内容与包头不符：各类记录的变更条数对不上。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Export sync package...</source>
        <translation>导出同步包…</translation>
    </message>
    <message>
        <source>Import sync package...</source>
        <translation>导入同步包…</translation>
    </message>
    <message>
        <source>Sync conflicts...</source>
        <translation>同步冲突…</translation>
    </message>
    <message>
        <source>Sync history...</source>
        <translation>同步记录…</translation>
    </message>
    <message>
        <source>Enrol with the city server...</source>
        <translation>向市级服务器注册…</translation>
    </message>
    <message>
        <source>Not enrolled for sync</source>
        <translation>未注册同步</translation>
    </message>
    <message>
        <source>{n} changes to send</source>
        <translation>待发送 {n} 项</translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>上次同步 {when}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>{n} conflicts to review</source>
        <translation>{n} 处冲突待核对</translation>
    </message>
    <message>
        <source>This computer&apos;s clock says {now}, but the latest change in this ledger is dated {latest}.

If the computer&apos;s date or time is wrong, correct it before entering anything: the dates of new records and the deadlines of appeals follow it.

If the date had been set ahead and has just been corrected, nothing needs doing: the next sync package takes care of it.</source>
        <translation>本机时钟显示 {now}，但本台账中最近一次修改的时间是 {latest}。

如果电脑的日期或时间不对，请先校正再录入：新记录的日期和诉求的办理时限都以它为准。

如果之前把日期调快了、刚刚改回来，则无需处理：下次导出同步包时会自动纠正。</translation>
    </message>
    <message>
        <source>Import sync package</source>
        <translation>导入同步包</translation>
    </message>
    <message>
        <source>Sync packages (*{suffix});;All files (*)</source>
        <translation>同步包 (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking and applying the sync package…</source>
        <translation>正在检查并导入同步包…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <source>City server: {url}</source>
        <translation>市级服务器：{url}</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Export Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Save the table as shown as an Excel workbook</source>
        <translation>把表格按所见保存为Excel工作簿</translation>
    </message>
    <message>
        <source>{count} row(s) saved to {path}</source>
        <translation>已把{count}行保存到 {path}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Saving, please wait: this can no longer be cancelled.</source>
        <translation>正在保存，请稍候：此时已不能取消。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Your change will be saved as soon as the work under way has finished.</source>
        <translation>正在进行的工作完成后，您的修改会立即保存。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Community Ledger</source>
        <translation>社区党建台账</translation>
    </message>
    <message>
        <source>“{path}” could not be read or written: {reason}</source>
        <translation>无法读写“{path}”：{reason}</translation>
    </message>
    <message>
        <source>A file could not be read or written: {reason}</source>
        <translation>无法读写文件：{reason}</translation>
    </message>
</context>
<context>
    <name>UnclaimedView</name>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>书记</translation>
    </message>
    <message>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <source>{count} secretary(ies) have not claimed a project for {year}. Each secretary claims at least one project a year; double-click a row to record one.</source>
        <translation>{year} 年有 {count} 名书记尚未认领书记项目。每名书记每年至少认领一个项目；双击一行即可为其登记项目。</translation>
    </message>
    <message>
        <source>Every secretary has claimed a project for {year}.</source>
        <translation>{year} 年所有书记均已认领书记项目。</translation>
    </message>
    <message>
        <source>(name not recorded)</source>
        <translation>（未登记姓名）</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>This ledger is protected by a password. Type it to go on.</source>
        <translation>这本台账设有密码保护，请输入密码继续。</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码不对。</translation>
    </message>
</context>
<context>
    <name>UserName</name>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Your name is recorded as the person handling each step (经办人). It is asked once and kept; change it in the settings.</source>
        <translation>您的姓名将作为每一步的经办人记录下来。只需填写一次，之后可在“设置”中修改。</translation>
    </message>
</context>
<context>
    <name>VenuesPage</name>
    <message>
        <source>Venues</source>
        <translation>阵地</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>功能室</translation>
    </message>
    <message>
        <source>No party and public service centre entered yet.</source>
        <translation>尚未登记党群服务中心。</translation>
    </message>
    <message>
        <source>Shared venues: {shared} · venues opened to residents: {opened} · {area} m² in all</source>
        <translation>共享阵地 {shared} 个 · 开放阵地 {opened} 个 · 阵地面积合计 {area} 平方米</translation>
    </message>
    <message>
        <source>reaches {mark} m²</source>
        <translation>达到 {mark} 平方米</translation>
    </message>
    <message>
        <source>{short} m² short of {mark} m²</source>
        <translation>距 {mark} 平方米还差 {short} 平方米</translation>
    </message>
    <message>
        <source>{name}: floor area {area} m² ({verdict}), rooms {rooms} m²; layout {parts}</source>
        <translation>{name}：建筑面积 {area} 平方米（{verdict}），功能室 {rooms} 平方米；10室2厅1市1站布局：{parts}</translation>
    </message>
    <message>
        <source>rooms {room}/{rooms}, halls {hall}/{halls}, supermarket {market}/{markets}, station {station}/{stations}</source>
        <translation>室 {room}/{rooms}，厅 {hall}/{halls}，市 {market}/{markets}，站 {station}/{stations}</translation>
    </message>
</context>
<context>
    <name>WorkdayPage</name>
    <message>
        <source>Confirm by the community…</source>
        <translation>社区确认…</translation>
    </message>
    <message>
        <source>Work-day records</source>
        <translation>工作日记录</translation>
    </message>
    <message>
        <source>Quarterly feedback to organs</source>
        <translation>季度反馈（按单位）</translation>
    </message>
    <message>
        <source>Organs</source>
        <translation>机关单位</translation>
    </message>
    <message>
        <source>Cadres</source>
        <translation>干部</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Confirmed by (name):</source>
        <translation>确认人姓名：</translation>
    </message>
    <message>
        <source>Confirm a work-day record</source>
        <translation>确认工作日记录</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <source>Choose the workbook</source>
        <translation>选择工作簿</translation>
    </message>
    <message>
        <source>Excel (.xlsx, .xls), WPS (.et), LibreOffice (.ods) or a CSV file.</source>
        <translation>Excel（.xlsx、.xls）、WPS（.et）、LibreOffice（.ods）或CSV文件。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Records of</source>
        <translation>导入内容</translation>
    </message>
    <message>
        <source>Spreadsheets</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从Excel导入</translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对列</translation>
    </message>
    <message>
        <source>Each column of the sheet fills the field chosen beside it.</source>
        <translation>表中每一列填入其右侧所选的字段。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>第一行的值</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>填入</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Two columns fill the same field.</source>
        <translation>有两列填入了同一字段。</translation>
    </message>
</context>
<context>
    <name>_PreviewPage</name>
    <message>
        <source>Check the rows</source>
        <translation>核对各行</translation>
    </message>
    <message>
        <source>Skip records already in the ledger</source>
        <translation>跳过台账中已有的记录</translation>
    </message>
    <message>
        <source>Update records already in the ledger</source>
        <translation>更新台账中已有的记录</translation>
    </message>
    <message>
        <source>Save the refused rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>{new} new, {update} already in the ledger with changes, {same} unchanged, {errors} refused.</source>
        <translation>新增{new}条，台账中已有且有变化{update}条，无变化{same}条，不能导入{errors}条。</translation>
    </message>
    <message>
        <source>Create what the rows name and the ledger lacks: {names}</source>
        <translation>创建表中填写而台账中没有的：{names}</translation>
    </message>
    <message>
        <source>Create party groups, compounds and buildings the rows name and the ledger lacks</source>
        <translation>创建表中填写而台账中没有的党小组、小区和楼栋</translation>
    </message>
    <message>
        <source>Save the refused rows</source>
        <translation>保存未导入的行</translation>
    </message>
</context>
</TS>

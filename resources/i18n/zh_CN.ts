<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to Community Ledger</source>
        <translation>欢迎使用社区党建台账</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Using Community Ledger&lt;/h2&gt;&lt;p&gt;Choose a list on the left. Type in the search box to find records as you type; pick a compound or party group to narrow the list. Click a column header to sort.&lt;/p&gt;&lt;h3&gt;Keyboard&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+N&lt;/b&gt;&lt;/td&gt;&lt;td&gt;new record in the open list&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter / F2&lt;/b&gt;&lt;/td&gt;&lt;td&gt;edit the selected record&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Delete&lt;/b&gt;&lt;/td&gt;&lt;td&gt;delete the selected record (asks first)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Y&lt;/b&gt;&lt;/td&gt;&lt;td&gt;undo / redo the last change&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;search&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;print&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h3&gt;Personal data&lt;/h3&gt;&lt;p&gt;ID numbers and phone numbers are shown masked. Use View → Show full ID and phone numbers, or the Show button in a form, to see them.&lt;/p&gt;&lt;h3&gt;Your data&lt;/h3&gt;&lt;p&gt;Everything is saved at once in the database file on this PC; a backup copy is made before the app upgrades it.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;使用说明&lt;/h2&gt;&lt;p&gt;在左侧选择一个列表。在搜索框中输入即可边输边查；选择小区或党小组可缩小范围。点击列标题可排序。&lt;/p&gt;&lt;h3&gt;快捷键&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+N&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在当前列表中新建记录&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter / F2&lt;/b&gt;&lt;/td&gt;&lt;td&gt;编辑选中的记录&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Delete&lt;/b&gt;&lt;/td&gt;&lt;td&gt;删除选中的记录（会先确认）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Y&lt;/b&gt;&lt;/td&gt;&lt;td&gt;撤销 / 重做上一步修改&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;搜索&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打印&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退出&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h3&gt;个人信息&lt;/h3&gt;&lt;p&gt;身份证号和电话号码默认打码显示。如需查看，请使用“视图 → 显示完整证件号和电话”，或表单中的“显示”按钮。&lt;/p&gt;&lt;h3&gt;数据保存&lt;/h3&gt;&lt;p&gt;所有修改立即保存在本机的数据库文件中；程序升级数据库前会先自动备份。&lt;/p&gt;</translation>
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
        <source>Leader's phone</source>
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
        <source>Secretary's phone</source>
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
        <translation>党组织类型</translation>
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
        <translation>已成立业委会</translation>
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
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print Preview: %1</source>
        <translation>打印预览：%1</translation>
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
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已将 %n 页发送到打印机。</numerusform>
        </translation>
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
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Show ID numbers and phone numbers in full</source>
        <translation>显示完整的身份证号和电话号码</translation>
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
        <source>Delete {kind} “{name}”?
You can undo this with Ctrl+Z.</source>
        <translation>确定删除{kind}“{name}”吗？
可以用 Ctrl+Z 撤销。</translation>
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
</context>
<context>
    <name>Startup</name>
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
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Cannot create the community</source>
        <translation>无法创建社区</translation>
    </message>
</context>
</TS>
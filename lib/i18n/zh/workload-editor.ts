import type { workloadEditorEn } from '../en/workload-editor';

/** 中文：负载编辑器与 YAML 编辑器。 */
export const workloadEditorZh: typeof workloadEditorEn = {
  wle: {
    titleNew: '创建负载',
    titleEdit: '编辑 {kind} {name}',
    titleEditPage: '编辑负载',
    subtitleNew: '在表单或 YAML 中描述负载，检查将要创建的对象，然后创建。',
    subtitleEdit: '在表单或 YAML 中修改负载，检查与线上对象的差异，然后应用。',
    namespace: '命名空间',
    noNamespace: '当前项目没有可运行负载的命名空间。',
    tabs: { label: '编辑器视图', form: '表单', yaml: 'YAML', review: '检查' },
    add: '添加',
    remove: '移除',
    optional: '可选',
    none: '无',
    basics: { title: '基本信息', name: '名称', type: '负载类型', replicas: '副本数', labels: '标签', labelsHint: '每行一个 key=value。', fixed: '名称和类型创建后不能修改。' },
    containers: {
      title: '容器', add: '添加容器', container: '容器 {n}', name: '容器名称', type: '角色', worker: '工作容器', init: '初始化容器',
      image: '镜像', imageAddr: '镜像（不含标签）', version: '标签或摘要', pickFromCatalog: '从镜像仓库选择', typeIt: '手动输入', pullPolicy: '拉取策略', pullDefault: '按标签默认',
      resources: '资源', cpuReq: 'CPU 请求（核）', cpuLim: 'CPU 上限（核）', memReq: '内存请求（MiB）', memLim: '内存上限（MiB）',
      command: '启动命令', commandHint: '每行一个词（留空则使用镜像的入口）。', args: '参数', argsHint: '每行一个参数。',
      ports: '端口在下方的访问方式（Service）中声明：规范中的容器没有端口列表。',
    },
    env: {
      title: '环境变量', add: '添加变量', type: '来源', Normal: '值', ConfigMap: '配置项', Secret: '保密字典', name: '变量名', value: '值',
      object: '对象', key: '键', pick: '请选择…', noObjects: '此命名空间中没有',
    },
    mounts: { title: '存储挂载', add: '添加挂载', volume: '存储卷', path: '挂载路径', readOnly: '只读', subPath: '子路径', noVolumes: '请先在下方添加存储卷。' },
    health: {
      title: '健康检查', add: '添加检查', type: '检查类型', protocol: '协议', port: '端口', path: '路径', cmd: '命令', host: '主机',
      initialDelay: '初始延迟（秒）', period: '检查间隔（秒）', timeout: '超时（秒）', success: '成功阈值', failure: '失败阈值',
      liveness: '存活检查', readiness: '就绪检查', startup: '启动检查',
    },
    security: { title: '安全', nonRoot: '以非 root 用户运行', privileged: '特权模式', rootfsReadonly: '只读根文件系统', runAsUser: '用户 ID', runAsGroup: '用户组 ID' },
    hooks: { title: '生命周期钩子', postStart: '启动后（PostStart）', preStop: '停止前（PreStop）', hint: '命令，每行一个词；留空表示不设置。' },
    volumes: {
      title: '存储卷', add: '添加存储卷', name: '存储卷名称', type: '类型', pvc: '存储声明', className: '存储类', capacity: '容量（GiB）', accessMode: '访问模式',
      hostPath: '主机路径', emptydir: '介质或大小', emptydirHint: '留空使用节点磁盘，Memory 使用内存，或填写大小如 512Mi。',
      configName: '名称', configPath: '无容器挂载时的挂载路径', fixed: '已有负载的存储卷不能修改（ECNS 没有修改存储卷的操作）；请用 kubectl 修改 YAML 或重建负载。',
    },
    access: {
      title: '访问方式（Service）', add: '添加访问方式', type: '类型', name: 'Service 名称', nameHint: '留空：使用负载名称，其后为 -2、-3…', externalName: '外部域名',
      ports: '端口', addPort: '添加端口', port: '端口', targetPort: '容器端口', protocol: '协议', nodePort: '节点端口',
    },
    update: {
      title: '升级策略', enable: '设置升级策略', type: '类型', maxSurge: '最大超出数', maxUnavailable: '最大不可用数', batch: '批次大小', period: '最短就绪时间（秒）',
      types: { first_up: '先启动新实例', first_down: '先停止旧实例', recreate: '重建', custom: '自定义', rolling_update: '滚动升级', on_delete: '删除时更新' },
    },
    scale: { title: '弹性伸缩（HPA）', enable: '自动伸缩', min: '最小副本数', max: '最大副本数', cpu: 'CPU 目标（%）', memory: '内存目标（%）', daemonset: 'DaemonSet 每个节点运行一个实例，不能自动伸缩。' },
    scheduling: { title: '调度', nodeSelector: '要求的节点标签', nodeSelectorHint: '每行一个 key=value：实例只运行在具有全部这些标签的节点上。', other: '此负载有表单未显示的亲和性规则，会被保留（见 YAML）。' },
    network: { title: '网络', hostNetwork: '使用节点网络', dnsPolicy: 'DNS 策略', aliases: '主机别名', aliasesHint: '每行一条：IP 后接主机名。' },
    yaml: {
      label: 'Kubernetes YAML', inStep: '这是表单生成的内容。修改它，表单会随之更新。', cannotTranslate: '请先填写表单的必填项以查看 YAML。',
      unrepresented: '表单无法表示此 YAML，表单保留原值：', parseError: 'YAML 无法解析，请查看标记的行。',
      server: '服务器拒绝了请求：',
    },
    review: {
      title: '检查', create: '将在 {namespace} 中创建以下对象：', edit: '线上对象（−）与应用后的结果（+）：', noChange: '没有需要应用的修改：表单与线上负载一致。',
      actions: '应用将执行以下操作：{actions}', invalid: '请先修正表单中的错误。', new: '新建', removed: '删除', changed: '修改', unchanged: '未变',
    },
    apply: { create: '创建负载', apply: '应用修改', review: '检查并应用', applying: '正在应用…', cancel: '取消', partial: '已应用 {done}；{failed} 被拒绝：{message}', created: '已创建。' },
    loadFailed: '无法加载该负载。',
  },
};

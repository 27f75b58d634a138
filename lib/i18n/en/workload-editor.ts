/** English: the workload editor (/workloads/new, /workloads/<kind>/<name>/edit) and the YAML editor. */
export const workloadEditorEn = {
  wle: {
    titleNew: 'New workload',
    titleEdit: 'Edit {kind} {name}',
    titleEditPage: 'Edit workload',
    subtitleNew: 'Describe the workload in the form or in YAML, review the objects it makes, then create it.',
    subtitleEdit: 'Change the workload in the form or in YAML, review the difference from the live objects, then apply.',
    namespace: 'Namespace',
    noNamespace: 'The current project has no namespace to run workloads in.',
    tabs: { label: 'Editor views', form: 'Form', yaml: 'YAML', review: 'Review' },
    add: 'Add',
    remove: 'Remove',
    optional: 'optional',
    none: 'None',
    basics: { title: 'Basics', name: 'Name', type: 'Workload type', replicas: 'Replicas', labels: 'Labels', labelsHint: 'One key=value per line.', fixed: 'Name and type cannot change after creation.' },
    containers: {
      title: 'Containers', add: 'Add container', container: 'Container {n}', name: 'Container name', type: 'Role', worker: 'Worker', init: 'Init',
      image: 'Image', imageAddr: 'Image (without tag)', version: 'Tag or digest', pickFromCatalog: 'Pick from the catalog', typeIt: 'Type it', pullPolicy: 'Pull policy', pullDefault: 'Default for the tag',
      resources: 'Resources', cpuReq: 'CPU request (cores)', cpuLim: 'CPU limit (cores)', memReq: 'Memory request (MiB)', memLim: 'Memory limit (MiB)',
      command: 'Command', commandHint: 'One word per line (the image\'s entrypoint if empty).', args: 'Arguments', argsHint: 'One argument per line.',
      ports: 'Ports are declared on access modes (Services) below: the seed\'s container has no port list.',
    },
    env: {
      title: 'Environment variables', add: 'Add variable', type: 'Source', Normal: 'Value', ConfigMap: 'ConfigMap', Secret: 'Secret', name: 'Variable name', value: 'Value',
      object: 'Object', key: 'Key', pick: 'Choose…', noObjects: 'None in this namespace',
    },
    mounts: { title: 'Volume mounts', add: 'Add mount', volume: 'Volume', path: 'Mount path', readOnly: 'Read-only', subPath: 'Sub-path', noVolumes: 'Add a volume below first.' },
    health: {
      title: 'Health checks', add: 'Add check', type: 'Check', protocol: 'Protocol', port: 'Port', path: 'Path', cmd: 'Command', host: 'Host',
      initialDelay: 'Initial delay (s)', period: 'Period (s)', timeout: 'Timeout (s)', success: 'Success threshold', failure: 'Failure threshold',
      liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup',
    },
    security: { title: 'Security', nonRoot: 'Run as non-root', privileged: 'Privileged', rootfsReadonly: 'Read-only root filesystem', runAsUser: 'User ID', runAsGroup: 'Group ID' },
    hooks: { title: 'Lifecycle hooks', postStart: 'After start (PostStart)', preStop: 'Before stop (PreStop)', hint: 'A command, one word per line; empty for none.' },
    volumes: {
      title: 'Volumes', add: 'Add volume', name: 'Volume name', type: 'Type', pvc: 'Claim', className: 'Storage class', capacity: 'Capacity (GiB)', accessMode: 'Access mode',
      hostPath: 'Host path', emptydir: 'Medium or size', emptydirHint: 'Empty for the node\'s disk, Memory for tmpfs, or a size such as 512Mi.',
      configName: 'Name', configPath: 'Mount path when no container mounts it', fixed: 'Volumes cannot change on an existing workload (no ECNS action changes them); change them in YAML with kubectl or recreate the workload.',
    },
    access: {
      title: 'Access modes (Services)', add: 'Add access mode', type: 'Type', name: 'Service name', nameHint: 'Empty: the workload\'s name, then -2, -3…', externalName: 'External name',
      ports: 'Ports', addPort: 'Add port', port: 'Port', targetPort: 'Container port', protocol: 'Protocol', nodePort: 'Node port',
    },
    update: {
      title: 'Update strategy', enable: 'Set an update strategy', type: 'Type', maxSurge: 'Max surge', maxUnavailable: 'Max unavailable', batch: 'Batch size', period: 'Min ready seconds',
      types: { first_up: 'Start new first', first_down: 'Stop old first', recreate: 'Recreate', custom: 'Custom', rolling_update: 'Rolling update', on_delete: 'On delete' },
    },
    scale: { title: 'Autoscaling (HPA)', enable: 'Scale automatically', min: 'Min replicas', max: 'Max replicas', cpu: 'CPU target (%)', memory: 'Memory target (%)', daemonset: 'A DaemonSet runs one pod per node: no autoscaling.' },
    scheduling: { title: 'Scheduling', nodeSelector: 'Node labels required', nodeSelectorHint: 'One key=value per line: pods run only on nodes with all of them.', other: 'This workload has affinity rules the form does not show; they are kept (see YAML).' },
    network: { title: 'Network', hostNetwork: 'Use the node\'s network', dnsPolicy: 'DNS policy', aliases: 'Host aliases', aliasesHint: 'One per line: IP then host names.' },
    yaml: {
      label: 'Kubernetes YAML', inStep: 'This is what the form makes. Edit it and the form follows.', cannotTranslate: 'Fill in the form\'s required fields to see the YAML.',
      unrepresented: 'The form cannot represent this YAML, so the form keeps its values:', parseError: 'The YAML does not parse; see the marked lines.',
      server: 'The server refused it:',
    },
    review: {
      title: 'Review', create: 'These objects will be created in {namespace}:', edit: 'Live objects (−) and what applying makes (+):', noChange: 'Nothing to apply: the form matches the live workload.',
      actions: 'Apply runs these actions: {actions}', invalid: 'Fix the form\'s errors first.', new: 'new', removed: 'removed', changed: 'changed', unchanged: 'unchanged',
    },
    apply: { create: 'Create workload', apply: 'Apply changes', review: 'Review and apply', applying: 'Applying…', cancel: 'Cancel', partial: 'Applied {done}; {failed} was refused: {message}', created: 'Created.' },
    loadFailed: 'The workload could not be loaded.',
  },
};

{{/*
Chart name, overridable.
*/}}
{{- define "underlay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's objects; the release name alone when it already says "underlay".
*/}}
{{- define "underlay.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "underlay.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "underlay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "underlay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "underlay.labels" -}}
helm.sh/chart: {{ include "underlay.chart" . }}
{{ include "underlay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: underlay
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "underlay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "underlay.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "underlay.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The Lease the operator's leader election uses (LeaderElectionConfiguration in the operator);
the leader-election Role is restricted to this name, so both must change together.
*/}}
{{- define "underlay.leaseName" -}}
underlay-operator
{{- end }}

{{/*
Value of QUARKUS_OPERATOR_SDK_NAMESPACES: JOSDK's marker for "all namespaces" or the list.
*/}}
{{- define "underlay.watchNamespacesEnv" -}}
{{- if .Values.watchNamespaces }}
{{- join "," .Values.watchNamespaces }}
{{- else }}
{{- "JOSDK_ALL_NAMESPACES" }}
{{- end }}
{{- end }}

{{/*
What the reconcilers need on the namespaces they watch. Used verbatim by the ClusterRole (all
namespaces) and by the per-namespace Roles, so both modes grant exactly the same rules.
- the four kinds: read and watch, patch/update for finalizers (no create/delete: users own them)
- status: written by the reconcilers; finalizers subresource for ownerReference blockOwnerDeletion
- secrets: read-only (PVE API token, CA bundle, Talos machine config, Ceph dashboard login)
- events: lifecycle transitions, through either events API
*/}}
{{- define "underlay.operatorRules" -}}
- apiGroups: ["underlay.dev"]
  resources: ["proxmoxclusters", "cephpools", "talosnodevms", "backuppolicies"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["underlay.dev"]
  resources: ["proxmoxclusters/status", "cephpools/status", "talosnodevms/status", "backuppolicies/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["underlay.dev"]
  resources: ["proxmoxclusters/finalizers", "cephpools/finalizers", "talosnodevms/finalizers", "backuppolicies/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}

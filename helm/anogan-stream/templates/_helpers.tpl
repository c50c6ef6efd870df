{{/*
The chart name, or nameOverride.
*/}}
{{- define "anogan-stream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full resource name: fullnameOverride, else release-name (the release name alone when it already contains
the chart name). Truncated to 63 characters (DNS label limit).
*/}}
{{- define "anogan-stream.fullname" -}}
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

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "anogan-stream.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full label set of every resource.
*/}}
{{- define "anogan-stream.labels" -}}
helm.sh/chart: {{ include "anogan-stream.chart" . }}
{{ include "anogan-stream.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: anogan-stream
{{- end }}

{{/*
Selector labels: the stable subset that Deployment, Service, PDB and ServiceMonitor select on.
*/}}
{{- define "anogan-stream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "anogan-stream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount to use.
*/}}
{{- define "anogan-stream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "anogan-stream.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The container image: the CUDA tag when gpu.enabled (image.cudaTag, else "<tag>-cuda").
*/}}
{{- define "anogan-stream.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.gpu.enabled }}
{{- $tag = default (printf "%s-cuda" $tag) .Values.image.cudaTag }}
{{- end }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/*
anogan.model.bundle from model.source.
*/}}
{{- define "anogan-stream.modelBundle" -}}
{{- if eq .Values.model.source "image" }}
{{- .Values.model.bundle }}
{{- else }}
{{- printf "%s/%s" (trimSuffix "/" .Values.model.mountPath) .Values.model.bundlePath }}
{{- end }}
{{- end }}

{{/*
True ("true") when the mounted Micronaut config file with Kafka client settings is needed.
*/}}
{{- define "anogan-stream.kafkaConfigFile" -}}
{{- $k := .Values.kafka }}
{{- if or $k.securityProtocol $k.sasl.mechanism $k.sasl.jaasConfig.secretName $k.truststore.secretName $k.properties }}true{{- end }}
{{- end }}

{{/* Mount paths (fixed: the service reads them from the configuration the chart writes). */}}
{{- define "anogan-stream.configDir" -}}/etc/anogan-stream/config{{- end }}
{{- define "anogan-stream.kafkaTruststoreDir" -}}/etc/anogan-stream/kafka-truststore{{- end }}
{{- define "anogan-stream.registryTruststoreDir" -}}/etc/anogan-stream/registry-truststore{{- end }}
